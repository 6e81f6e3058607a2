import { z } from 'zod'
import { epochMs, settingAssignmentOf } from '../common'
import { AI_SETTINGS, AI_SETTING_ASSIGNMENTS } from './aiSettings'
import { CAPTURE_SETTINGS, CAPTURE_SETTING_ASSIGNMENTS } from './captureSettings'

export const THEMES = ['system', 'light', 'dark'] as const

/** 'system' follows the OS (the browser's languages in a browser); the others are src/shared/i18n's. */
export const UI_LANGUAGES = ['system', 'en', 'zh-CN'] as const

export const DEFAULT_QUICK_CAPTURE_SHORTCUT = 'CommandOrControl+Shift+Space'

/**
 * An Electron accelerator: modifiers joined by "+" and one key, e.g. CommandOrControl+Shift+Space; empty turns
 * the shortcut off. Whether the OS grants it is only known when the desktop app registers it.
 */
const ACCELERATOR_MODIFIER =
  '(?:Command|Cmd|Control|Ctrl|CommandOrControl|CmdOrCtrl|Alt|Option|AltGr|Shift|Super|Meta)'
const ACCELERATOR_KEY =
  "(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|Plus|[-=,./;'`\\[\\]])"
export const accelerator = z
  .string()
  .max(100)
  .regex(
    new RegExp(`^(?:(?:${ACCELERATOR_MODIFIER}\\+)+${ACCELERATOR_KEY}|F(?:[1-9]|1[0-9]|2[0-4]))?$`, 'i'),
    'A shortcut is modifiers and one key joined by +, e.g. CommandOrControl+Shift+Space (empty turns it off).',
  )

/** Every setting, its validation and its default. Adding one here is all it takes to expose it. */
export const SETTINGS = {
  'monitoring.retentionDays': {
    description: 'Days of monitoring buckets to keep; older ones are pruned hourly.',
    schema: z.number().int().min(1).max(365),
    defaultValue: 7,
  },
  'backups.keepDaily': {
    description: 'How many daily backups to keep (the newest of each day).',
    schema: z.number().int().min(1).max(365),
    defaultValue: 7,
  },
  'backups.keepWeekly': {
    description: 'How many weekly backups to keep (the newest of each week), beside the daily ones.',
    schema: z.number().int().min(0).max(520),
    defaultValue: 4,
  },
  'ui.theme': {
    description: 'Colour theme; system follows the operating system.',
    schema: z.enum(THEMES),
    defaultValue: 'system',
  },
  'ui.firstRunDone': {
    description: 'The first-run guide was finished or skipped; Settings can open it again.',
    schema: z.boolean(),
    defaultValue: false,
  },
  'ui.language': {
    description: 'Language of the interface; system follows the operating system (or the browser).',
    schema: z.enum(UI_LANGUAGES),
    defaultValue: 'system',
  },
  'desktop.launchAtLogin': {
    description: 'Start Cairn (hidden, in the tray) when you log in.',
    schema: z.boolean(),
    defaultValue: false,
  },
  'desktop.hideToTrayOnClose': {
    description: 'Closing the main window hides it to the tray instead of quitting.',
    schema: z.boolean(),
    defaultValue: true,
  },
  'desktop.quickCaptureShortcut': {
    description: 'Global shortcut that opens quick capture; empty turns it off.',
    schema: accelerator,
    defaultValue: DEFAULT_QUICK_CAPTURE_SHORTCUT,
  },
  'desktop.autoUpdate': {
    description: 'Check for and download updates of the installed app in the background.',
    schema: z.boolean(),
    defaultValue: false,
  },
  'desktop.notifyAi': {
    description: 'Show a desktop notification for each new AI tip and when a daily report is ready.',
    schema: z.boolean(),
    defaultValue: true,
  },
  'desktop.spellcheck': {
    description:
      'Underline misspelt words while typing. On Windows and Linux this downloads dictionaries from Google once; off by default so nothing is fetched unasked.',
    schema: z.boolean(),
    defaultValue: false,
  },
  'capture.paused': {
    description: 'Capture is paused (from the tray menu) until resumed.',
    schema: z.boolean(),
    defaultValue: false,
  },
  ...AI_SETTINGS,
  ...CAPTURE_SETTINGS,
} as const

export type SettingKey = keyof typeof SETTINGS
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[]
export const settingKey = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]])

const settingEntry = z.object({
  key: settingKey,
  value: z.json(),
  isDefault: z.boolean(),
  updatedAt: epochMs.nullable(),
})

const settingAssignment = z.discriminatedUnion('key', [
  settingAssignmentOf(SETTINGS, 'monitoring.retentionDays'),
  settingAssignmentOf(SETTINGS, 'backups.keepDaily'),
  settingAssignmentOf(SETTINGS, 'backups.keepWeekly'),
  settingAssignmentOf(SETTINGS, 'ui.theme'),
  settingAssignmentOf(SETTINGS, 'ui.firstRunDone'),
  settingAssignmentOf(SETTINGS, 'ui.language'),
  settingAssignmentOf(SETTINGS, 'desktop.launchAtLogin'),
  settingAssignmentOf(SETTINGS, 'desktop.hideToTrayOnClose'),
  settingAssignmentOf(SETTINGS, 'desktop.quickCaptureShortcut'),
  settingAssignmentOf(SETTINGS, 'desktop.autoUpdate'),
  settingAssignmentOf(SETTINGS, 'desktop.notifyAi'),
  settingAssignmentOf(SETTINGS, 'desktop.spellcheck'),
  settingAssignmentOf(SETTINGS, 'capture.paused'),
  ...AI_SETTING_ASSIGNMENTS,
  ...CAPTURE_SETTING_ASSIGNMENTS,
])
export type SettingAssignment = z.infer<typeof settingAssignment>

export const settingsMethods = {
  'settings.get': {
    description: 'One setting with its current value (the default when never set).',
    input: z.strictObject({ key: settingKey }),
    output: settingEntry,
  },
  'settings.list': {
    description: 'Every setting with its current value.',
    input: z.strictObject({}),
    output: z.object({ items: z.array(settingEntry) }),
  },
  'settings.set': {
    description: 'Change a setting; the value is checked against that setting’s rules.',
    input: settingAssignment,
    output: settingEntry,
  },
} as const
