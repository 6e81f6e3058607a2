const MAX_TERMS = 16

/**
 * Turns what a person typed into a safe FTS5 query: every word is quoted (so operators and punctuation in
 * the input are never FTS syntax) and matched as a prefix; all words must match. Returns null when the
 * input holds no searchable word.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu)
  if (!words || words.length === 0) return null
  return words
    .slice(0, MAX_TERMS)
    .map((word) => `"${word}"*`)
    .join(' ')
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
