import type { CaptureReasonCode } from '../../../shared/captureReasons'
import { captureReasonCode } from '../../../shared/captureReasons'
import { i18next } from '../i18nCore'

const REASON_KEYS = {
  pausedByYou: 'captureReason.pausedByYou',
  screenLocked: 'captureReason.screenLocked',
  computerAsleep: 'captureReason.computerAsleep',
  idle: 'captureReason.idle',
  notRecordingDay: 'captureReason.notRecordingDay',
  outsideHours: 'captureReason.outsideHours',
  turnedOff: 'captureReason.turnedOff',
  noScreenSource: 'captureReason.noScreenSource',
  nothingRecorded: 'captureReason.nothingRecorded',
  noFrames: 'captureReason.noFrames',
  sourceFailed: 'captureReason.sourceFailed',
} as const satisfies Record<CaptureReasonCode, string>

/**
 * A reason the core gave for capture's state or a gap, in the interface's language when it is one of the known
 * reasons; null for the core's own words (an OS error, an exclusion rule), which are shown as written.
 */
export function translatedCaptureReason(text: string): string | null {
  const code = captureReasonCode(text)
  return code ? i18next.t(REASON_KEYS[code]) : null
}
