import { useTranslation } from 'react-i18next'
import { translatedCaptureReason } from '../../lib/captureReason'

/** A reason the core gave, translated when it is a known one, else as the core wrote it (marked as such). */
export function CaptureReason({ text }: { text: string }) {
  // Subscribes to language changes; the words come from the same instance.
  useTranslation()
  const translated = translatedCaptureReason(text)
  return translated !== null ? <>{translated}</> : <span data-core-text>{text}</span>
}
