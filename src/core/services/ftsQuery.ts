const MAX_TERMS = 16
/** A one-letter prefix expands to a large share of the vocabulary: matched as a whole word instead. */
const MIN_PREFIX_LENGTH = 2

/**
 * The FTS5 queries for what a person typed. Every word is quoted, so operators and punctuation in the
 * input are never FTS syntax, and all words must match.
 *
 * - `whole`: every word matched as a whole word. FTS5 walks a word's doclist lazily from the newest row,
 *   so newest-first costs microseconds even for a word in most rows.
 * - `prefixed`: the same, but the last word, still being typed, matched as a prefix; null when the input
 *   ends with a separator or the last word is one letter. A prefix must be merged from every word it
 *   expands to before the first row comes out, so it costs tens of milliseconds for a common prefix over
 *   a million rows; it is only worth running when whole words do not fill the page.
 */
export interface FtsQueryPlan {
  whole: string
  prefixed: string | null
}

export function planFtsQuery(text: string): FtsQueryPlan | null {
  const normalized = text.normalize('NFKC')
  const words = (normalized.match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, MAX_TERMS)
  const last = words[words.length - 1]
  if (last === undefined) return null
  const quoted = words.map((word) => `"${word}"`)
  const stillTyping = /[\p{L}\p{N}_]$/u.test(normalized) && [...last].length >= MIN_PREFIX_LENGTH
  return {
    whole: quoted.join(' '),
    prefixed: stillTyping ? `${quoted.join(' ')}*` : null,
  }
}

export const HIGHLIGHT_START = '\u0001'
export const HIGHLIGHT_END = '\u0002'

/** Splits an FTS5 snippet made with the markers above into plain text and the [start, end) ranges that matched. */
export function parseSnippet(marked: string): { text: string; highlights: [number, number][] } {
  let text = ''
  const highlights: [number, number][] = []
  let openedAt = -1
  for (const character of marked) {
    if (character === HIGHLIGHT_START) openedAt = text.length
    else if (character === HIGHLIGHT_END) {
      if (openedAt >= 0 && text.length > openedAt) highlights.push([openedAt, text.length])
      openedAt = -1
    } else text += character
  }
  return { text, highlights }
}
