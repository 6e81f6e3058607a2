import { captureReasonCode } from '../../../shared/captureReasons'
import { i18next } from '../i18nCore'

/**
 * A reason the core gave for capture's state or a gap, in the interface's language when it is one of the known
 * reasons; null for the core's own words (an OS error, an exclusion rule), which are shown as written.
 */
export function translatedCaptureReason(text: string): string | null {
  const code = captureReasonCode(text)
  return code ? i18next.t(`captureReason.${code}`) : null
}
