import type { JsonValue } from '../../../shared/contract/common'
import { coreNoteSchema, isCoreNoteCode } from '../../../shared/coreNotes'
import { i18next } from '../i18nCore'

/** A note as it arrives: a code (perhaps one a newer core added) and its params. */
export interface ArrivedNote {
  code: string
  params: Record<string, string | number>
  /** A note whose words fill this one's {{reason}}. */
  reason?: ArrivedNote | undefined
}

/**
 * A note from the core in the interface's language, or null when this build does not know its code (the
 * caller then shows the core's English as written). Numbers are formatted for the language by the catalogue
 * ({{count, number}}); the other params (model names, URLs, a provider's error) are shown as the core sent them.
 */
export function translatedCoreNote(said: ArrivedNote | null | undefined): string | null {
  if (!said || !isCoreNoteCode(said.code)) return null
  const reason = said.reason ? translatedCoreNote(said.reason) : undefined
  // Half a sentence in each language is worse than the core's English whole.
  if (reason === null) return null
  const params = reason === undefined ? said.params : { ...said.params, reason }
  // The catalogue's coreNote section is the table the code was checked against.
  return i18next.t(`coreNote.${said.code}`, params)
}

/** The notes a chat stage stored in its metadata (none for stages written before notes existed). */
export function stageNotes(metadata: Record<string, JsonValue>): ArrivedNote[] {
  const notes = metadata.notes
  if (!Array.isArray(notes)) return []
  return notes.flatMap((item) => {
    const parsed = coreNoteSchema.safeParse(item)
    return parsed.success ? [parsed.data] : []
  })
}

/** Sentences in a row: a space between them, none after a full-width full stop (Chinese). */
export function joinSentences(sentences: string[]): string {
  return sentences.reduce(
    (text, next) => (text === '' || /[。！？]$/.test(text) ? text + next : `${text} ${next}`),
    '',
  )
}

/**
 * What a chat stage did, in the interface's language when every note of it is known; otherwise (an older
 * row, or a code this build lacks) the English the core stored.
 */
export function stageText(
  metadata: Record<string, JsonValue>,
  stored: string,
): { text: string; translated: boolean } {
  const notes = stageNotes(metadata)
  const words = notes.map(translatedCoreNote)
  if (notes.length === 0 || words.some((word) => word === null)) return { text: stored, translated: false }
  return { text: joinSentences(words.filter((word): word is string => word !== null)), translated: true }
}
