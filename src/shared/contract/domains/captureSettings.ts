import { z } from 'zod'
import { epochMs, settingAssignmentOf } from '../common'
import {
  CAPTURE_LIMITS,
  DEFAULT_EXCLUDED_APPS,
  DEFAULT_EXCLUDED_TITLE_PATTERNS,
  recordingHours,
} from './capture'
import type { RecordingHours } from './capture'

/** Languages the on-device OCR can read (trained data shipped in npm packages). */
export const OCR_LANGUAGES = ['eng', 'chi_sim'] as const
export type OcrLanguage = (typeof OCR_LANGUAGES)[number]

const { intervalSeconds, idleMinutes, retentionDays, maxStorageMb } = CAPTURE_LIMITS
const exclusionList = z
  .array(z.string().trim().min(1).max(CAPTURE_LIMITS.exclusionLength))
  .max(CAPTURE_LIMITS.exclusions)

/** The screen-capture settings; spread into SETTINGS (settings.ts). */
export const CAPTURE_SETTINGS = {
  'capture.enabled': {
    description:
      'Screen capture is on. Off in a new data folder until the person turns it on (first run or Settings); no screenshot is taken while off.',
    schema: z.boolean(),
    defaultValue: false,
  },
  'capture.consentedAt': {
    description:
      'When the person last turned capture on (UTC ms), recorded by Cairn itself; null while never. Read-only.',
    schema: epochMs.nullable(),
    defaultValue: null as number | null,
  },
  'capture.intervalSeconds': {
    description: 'Seconds between screenshots.',
    schema: z.number().int().min(intervalSeconds.min).max(intervalSeconds.max),
    defaultValue: 15,
  },
  'capture.recordingHours': {
    description:
      'Local hours in which capture runs, HH:MM to HH:MM (an end before the start spans midnight).',
    schema: recordingHours,
    defaultValue: { start: '00:00', end: '24:00' } as RecordingHours,
  },
  'capture.weekdays': {
    description: 'Days of the week on which capture runs (0 = Sunday ... 6 = Saturday).',
    schema: z.array(z.number().int().min(0).max(6)).max(7),
    defaultValue: [0, 1, 2, 3, 4, 5, 6] as number[],
  },
  'capture.displays': {
    description: 'Display ids to capture; empty captures every display.',
    schema: z.array(z.string().min(1).max(100)).max(CAPTURE_LIMITS.displays),
    defaultValue: [] as string[],
  },
  'capture.idleMinutes': {
    description: 'Capture pauses after this many minutes without keyboard or mouse input.',
    schema: z.number().int().min(idleMinutes.min).max(idleMinutes.max),
    defaultValue: 5,
  },
  'capture.excludedApps': {
    description: 'Apps whose windows are never stored (a frame is dropped when the app name contains one).',
    schema: exclusionList,
    defaultValue: DEFAULT_EXCLUDED_APPS,
  },
  'capture.excludedTitlePatterns': {
    description: 'Window-title patterns (regular expressions, any case) whose windows are never stored.',
    schema: exclusionList,
    defaultValue: DEFAULT_EXCLUDED_TITLE_PATTERNS,
  },
  'capture.retentionDays': {
    description: 'Days to keep screenshot images; older ones are deleted (their rows stay).',
    schema: z.number().int().min(retentionDays.min).max(retentionDays.max),
    defaultValue: 30,
  },
  'capture.maxStorageMb': {
    description: 'Total size of stored screenshots; the oldest are deleted beyond it.',
    schema: z.number().int().min(maxStorageMb.min).max(maxStorageMb.max),
    defaultValue: 5000,
  },
  'capture.ocrLanguages': {
    description:
      'Languages read from each stored screenshot by on-device OCR (eng, chi_sim); empty turns OCR off.',
    schema: z.array(z.enum(OCR_LANGUAGES)).max(OCR_LANGUAGES.length),
    defaultValue: ['eng', 'chi_sim'] as OcrLanguage[],
  },
} as const

const assignment = <K extends keyof typeof CAPTURE_SETTINGS>(key: K) =>
  settingAssignmentOf(CAPTURE_SETTINGS, key)

/** capture.consentedAt is absent: only the core records it, when capture.enabled is turned on. */
export const CAPTURE_SETTING_ASSIGNMENTS = [
  assignment('capture.enabled'),
  assignment('capture.intervalSeconds'),
  assignment('capture.recordingHours'),
  assignment('capture.weekdays'),
  assignment('capture.displays'),
  assignment('capture.idleMinutes'),
  assignment('capture.excludedApps'),
  assignment('capture.excludedTitlePatterns'),
  assignment('capture.retentionDays'),
  assignment('capture.maxStorageMb'),
  assignment('capture.ocrLanguages'),
] as const
