import { useTranslation } from 'react-i18next'
import type { ArrivedNote } from '../lib/coreNote'
import { translatedCoreNote } from '../lib/coreNote'

/** A note from the core, translated when this build knows its code, else the core's English (marked as such). */
export function CoreNoteText({ said, english }: { said: ArrivedNote | null | undefined; english: string }) {
  // Subscribes to language changes; the words come from the same instance.
  useTranslation()
  const translated = translatedCoreNote(said)
  return translated !== null ? <>{translated}</> : <span data-core-text>{english}</span>
}
