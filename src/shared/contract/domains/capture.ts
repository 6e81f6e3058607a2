import { z } from 'zod'
import { empty, epochMs, id, offset, pageLimit } from '../common'

/** Password managers and private browsing windows are excluded out of the box. */
export const DEFAULT_EXCLUDED_APPS = [
  '1Password',
  'Bitwarden',
  'KeePass',
  'KeePassXC',
  'LastPass',
  'Dashlane',
  'Keychain Access',
  'Enpass',
  'Proton Pass',
]
export const DEFAULT_EXCLUDED_TITLE_PATTERNS = [
  'Private Browsing',
  'InPrivate',
  'Incognito',
  '\\(Private\\)',
  'Tor Browser',
]

/** Bounds of the capture settings, shared by the settings schemas and the Settings screen. */
export const CAPTURE_LIMITS = {
  intervalSeconds: { min: 5, max: 300 },
  idleMinutes: { min: 1, max: 240 },
  retentionDays: { min: 1, max: 3650 },
  maxStorageMb: { min: 50, max: 1_000_000 },
  exclusions: 200,
  exclusionLength: 200,
  displays: 16,
} as const

/** A local time of day, HH:MM; "24:00" only as the end of a range. */
export const timeOfDay = z
  .string()
  .max(5)
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'A time of day is HH:MM, from 00:00 to 24:00.')

export const recordingHours = z.strictObject({ start: timeOfDay, end: timeOfDay })
export type RecordingHours = z.infer<typeof recordingHours>

export const TICK_OUTCOMES = ['captured', 'unchanged', 'excluded', 'paused', 'failed'] as const
export const tickOutcome = z.enum(TICK_OUTCOMES)

export const CAPTURE_STATES = ['off', 'running', 'paused', 'stale', 'unavailable'] as const

/** The OS settings page where Screen Recording is allowed for an app (macOS). */
export const MAC_SCREEN_RECORDING_SETTINGS_URL =
  'x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture'

export const SCREEN_PERMISSION_STATES = [
  'not-determined',
  'granted',
  'denied',
  'restricted',
  'unknown',
] as const

/** An OS permission that capture needs and lacks, with where the person grants it. */
export const screenPermission = z.object({
  state: z.enum(SCREEN_PERMISSION_STATES),
  /** The OS settings page to open; empty when there is none to link to. */
  settingsUrl: z.string().max(300),
  /** The OS only lets Cairn see the screen after Cairn restarts (macOS). */
  relaunchNeeded: z.boolean(),
})
export type ScreenPermission = z.infer<typeof screenPermission>

const outcomeCounts = z.object({
  captured: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  excluded: z.number().int().nonnegative(),
  paused: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
})

export const captureStatus = z.object({
  /** off: never turned on, or turned off (nothing is taken, no tick recorded); running: frames are being
   * taken; paused: by you, the clock or the OS (see reason); stale: nothing taken for three intervals although
   * not paused; unavailable: there is no screen to capture here, or the OS does not let Cairn see it. */
  state: z.enum(CAPTURE_STATES),
  /** The person turned capture on (capture.enabled); it is off in a new data folder. */
  enabled: z.boolean(),
  /** When the person last turned capture on; null while never. */
  consentedAt: epochMs.nullable(),
  /** The OS permission capture lacks (macOS Screen Recording), or null. */
  permission: screenPermission.nullable(),
  /** Why capture is paused, stale or unavailable, in words for the person; empty while running. */
  reason: z.string(),
  /** A screen source exists here and the OS lets it see the screen. */
  available: z.boolean(),
  paused: z.boolean(),
  intervalSeconds: z.number().int(),
  /** The last tick that saw the screen (captured, unchanged or excluded). */
  lastFrameAt: epochMs.nullable(),
  lastCaptureAt: epochMs.nullable(),
  lastTickAt: epochMs.nullable(),
  lastFailure: z.string().nullable(),
  /** Ticks since local midnight, by outcome. */
  today: outcomeCounts,
})
export type CaptureStatus = z.infer<typeof captureStatus>

const tickResult = z.object({
  displayId: z.string(),
  outcome: tickOutcome,
  reason: z.string(),
  captureId: id.nullable(),
})

export const captureGap = z.object({
  from: epochMs,
  to: epochMs,
  /** What the ticks in the gap said; `none` when nothing was recorded at all (Cairn not running, asleep). */
  outcome: z.enum(['paused', 'excluded', 'failed', 'none']),
  reason: z.string(),
})
export type CaptureGap = z.infer<typeof captureGap>

export const captureItem = z.object({
  id,
  capturedAt: epochMs,
  displayId: z.string(),
  /** Relative to the data folder (captures/YYYY-MM-DD/...); activities cite screenshots by it. */
  path: z.string(),
  appName: z.string(),
  windowTitle: z.string(),
  format: z.enum(['jpeg', 'png', 'webp']),
  bytes: z.number().int().nonnegative(),
  /** False once retention removed the image; the row stays. */
  imageAvailable: z.boolean(),
})
export type CaptureItem = z.infer<typeof captureItem>

/** What a frame says beside its picture (capture.image): absent until OCR has read it. */
export const frameText = z.object({
  /** The text read from the frame on the device, lines separated by newlines. */
  text: z.string().optional(),
  /** Each word read and its box in image pixels: [word, left, top, right, bottom]. */
  words: z.array(z.tuple([z.string(), z.number(), z.number(), z.number(), z.number()])).optional(),
  /** The activity whose span holds the frame. */
  activity: z.object({ id, title: z.string() }).optional(),
})
export type FrameText = z.infer<typeof frameText>

const range = z
  .strictObject({ from: epochMs, to: epochMs })
  .refine((value) => value.to > value.from, { message: 'to must be after from', path: ['to'] })

export const captureMethods = {
  'capture.status': {
    description:
      'Whether screen capture is running, paused (and why), stale or unavailable, with today’s counts.',
    input: empty,
    output: captureStatus,
  },
  'capture.captureNow': {
    description:
      'Take a frame of every chosen display now, through the same privacy and duplicate checks as the schedule. Refused (FAILED_PRECONDITION) while capture is off.',
    input: empty,
    output: z.object({
      /** False (with the reason) when there is no screen to capture here; nothing is recorded then. */
      available: z.boolean(),
      reason: z.string(),
      ticks: z.array(tickResult),
    }),
  },
  'capture.gaps': {
    description:
      'Spans of [from, to) in which no frame was kept, with the reason (paused, excluded, failed, or none recorded).',
    input: range,
    output: z.object({ gaps: z.array(captureGap), truncated: z.boolean() }),
  },
  'capture.displays': {
    description:
      'The displays the screen source can capture, with whether each is chosen (none chosen in capture.displays means all).',
    input: empty,
    output: z.object({
      items: z.array(z.object({ id: z.string(), label: z.string(), chosen: z.boolean() })),
      /** True when capture.displays is empty: every display is captured, including ones plugged in later. */
      all: z.boolean(),
    }),
  },
  'capture.storage': {
    description:
      'Disk used by stored screenshots: per UTC day (newest first, up to 30 days), in all, the mean of the last days that have frames, and what the chosen retention days would need at that rate against the size budget.',
    input: empty,
    output: z.object({
      days: z.array(
        z.object({
          day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
          bytes: z.number().int().nonnegative(),
          frames: z.number().int().nonnegative(),
        }),
      ),
      storedBytes: z.number().int().nonnegative(),
      /** Mean bytes a day over the last 14 days that stored frames; 0 with none. */
      dailyBytes: z.number().int().nonnegative(),
      retentionDays: z.number().int().positive(),
      budgetBytes: z.number().int().positive(),
      /** dailyBytes x retentionDays: what the retention would need if nothing were thinned. */
      projectedBytes: z.number().int().nonnegative(),
    }),
  },
  'capture.list': {
    description:
      'Stored frames taken in [from, to), oldest first, with whether their image is still on disk.',
    input: z.strictObject({ from: epochMs, to: epochMs, limit: pageLimit(100), offset }),
    output: z.object({ items: z.array(captureItem), total: z.number().int().nonnegative() }),
  },
  'capture.image': {
    description:
      'One stored frame, by id or by its path (as activities cite it), as a data URL (images over 8 MB are refused); null once retention removed it. With the text on-device OCR read from it (and its word boxes) once read, and the activity it belongs to.',
    input: z
      .strictObject({ id: id.optional(), path: z.string().min(1).max(300).optional() })
      .refine((value) => (value.id === undefined) !== (value.path === undefined), {
        message: 'give either id or path',
        path: ['id'],
      }),
    output: z
      .object({ id, dataUrl: z.string().nullable(), deletedAt: epochMs.nullable() })
      .extend(frameText.shape),
  },
} as const

export const captureEvents = {
  'capture.status': z.object({ status: captureStatus }),
} as const
