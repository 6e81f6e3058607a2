/**
 * The fixed reasons the core gives for capture's state and for the gaps in a day, by code. The core writes the
 * English text (it is stored with each tick, and the API speaks English); a window shows the catalogue's words
 * for a reason it finds here, and anything else (an OS error, an exclusion rule) as the core wrote it.
 */
export const CAPTURE_REASONS = {
  pausedByYou: 'paused by you',
  screenLocked: 'screen locked',
  computerAsleep: 'computer asleep',
  idle: 'no keyboard or mouse input',
  notRecordingDay: 'not a recording day',
  outsideHours: 'outside recording hours',
  turnedOff: 'turned off: nothing is recorded until you turn it on',
  noScreenSource: 'No screen source here: the browser host cannot see the screen.',
  nothingRecorded: 'nothing recorded (capture was off, Cairn was not running or the computer was asleep)',
  noFrames: 'the screen source returned no frames',
  sourceFailed: 'the screen source failed',
} as const

export type CaptureReasonCode = keyof typeof CAPTURE_REASONS

const BY_TEXT = new Map<string, CaptureReasonCode>(
  (Object.keys(CAPTURE_REASONS) as CaptureReasonCode[]).map((code) => [CAPTURE_REASONS[code], code]),
)

/** The code of a reason the core gave, or null for one of its own words (an OS error, a rule). */
export function captureReasonCode(text: string): CaptureReasonCode | null {
  return BY_TEXT.get(text) ?? null
}
