import { stripWordJoiners } from '../ocr/segment'

const MAX_TERMS = 16
/** A one-letter prefix expands to a large share of the vocabulary: matched as a whole word instead. */
export const MIN_PREFIX_LENGTH = 2

/** The words of what a person typed (letters, digits, underscore), NFKC-normalised, at most 16. */
export function queryTerms(text: string): { words: string[]; stillTyping: boolean } {
  const normalized = text.normalize('NFKC')
  const words = (normalized.match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, MAX_TERMS)
  const last = words.at(-1)
  const stillTyping =
    last !== undefined && /[\p{L}\p{N}_]$/u.test(normalized) && [...last].length >= MIN_PREFIX_LENGTH
  return { words, stillTyping }
}

/**
 * Markdown as a person reads it, not as it was typed: links keep their text, and heading, emphasis, code and
 * quote marks go. Runs on FTS5 snippets, whose highlight markers are control characters it leaves alone.
 */
export function stripMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/(^|\n)[ \t]*(?:#{1,6}|>+|[-*+]|\d+\.)[ \t]+/g, '$1')
    .replace(/\*{1,3}|`{1,3}|~~|__/g, '')
    .replace(/\s*\n\s*/g, ' ')
}

const CONTEXT_BEFORE = 40
const SNIPPET_LENGTH = 160

/**
 * A snippet of plain text around the first of `terms` (lower case) found in `text`, with every term found in
 * it marked, for hits whose index cannot make one (screen text, CJK and title matches).
 */
export function snippetAround(
  raw: string,
  terms: string[],
): { text: string; highlights: [number, number][] } {
  const text = stripMarkdown(stripWordJoiners(raw)).trim()
  const lower = text.toLowerCase()
  const wanted = terms.map((term) => term.toLowerCase()).filter((term) => term !== '')
  const first = Math.min(
    ...wanted.map((term) => lower.indexOf(term)).filter((at) => at >= 0),
    Number.POSITIVE_INFINITY,
  )
  const start = Number.isFinite(first) ? Math.max(0, first - CONTEXT_BEFORE) : 0
  const end = Math.min(text.length, start + SNIPPET_LENGTH)
  const prefix = start > 0 ? '…' : ''
  const shown = prefix + text.slice(start, end) + (end < text.length ? '…' : '')
  const highlights: [number, number][] = []
  const window = lower.slice(start, end)
  for (const term of wanted) {
    for (let at = window.indexOf(term); at >= 0; at = window.indexOf(term, at + term.length)) {
      highlights.push([prefix.length + at, prefix.length + at + term.length])
    }
  }
  highlights.sort((a, b) => a[0] - b[0])
  // Overlapping terms ("report", "rep") keep the first range only.
  const merged = highlights.filter(
    (range, index) => index === 0 || range[0] >= (highlights[index - 1]?.[1] ?? 0),
  )
  return { text: shown, highlights: merged }
}

/** Words one edit (insert, delete, change or swap of a letter) away from `word`, in lower case. */
export function oneEditAway(word: string): string[] {
  const lower = word.toLowerCase()
  const letters = [...new Set([...'abcdefghijklmnopqrstuvwxyz0123456789', ...lower])]
  const chars = [...lower]
  const out = new Set<string>()
  for (let i = 0; i <= chars.length; i += 1) {
    const head = chars.slice(0, i).join('')
    const tail = chars.slice(i).join('')
    if (i < chars.length) out.add(head + chars.slice(i + 1).join(''))
    if (i < chars.length - 1)
      out.add(head + (chars[i + 1] ?? '') + (chars[i] ?? '') + chars.slice(i + 2).join(''))
    for (const letter of letters) {
      out.add(head + letter + tail)
      if (i < chars.length) out.add(head + letter + chars.slice(i + 1).join(''))
    }
  }
  out.delete(lower)
  return [...out]
}
