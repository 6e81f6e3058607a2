/**
 * Chinese and Japanese are written without spaces, and SQLite's unicode61 tokenizer keeps a whole run as one
 * token. Text Cairn writes itself (screen text, window titles) is cut into words with Intl.Segmenter (ICU's
 * dictionary) and the words are joined by U+200B, which the tokenizer treats as a separator and nobody sees;
 * a query is cut the same way. See docs/ARCHITECTURE.md, "Search".
 */
export const WORD_JOINER = '\u200b'

const CJK = /[\u2e80-\u9fff\uf900-\ufaff]/u
const SPACE_BETWEEN_CJK = /([\u2e80-\u9fff\uf900-\ufaff])[ \t]+(?=[\u2e80-\u9fff\uf900-\ufaff])/gu

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

export const hasCjk = (text: string): boolean => CJK.test(text)

/** OCR reads Chinese with a space after every few characters: put the sentence back together. */
export function closeCjkSpaces(text: string): string {
  return text.replace(SPACE_BETWEEN_CJK, '$1')
}

/** The text with U+200B between adjacent CJK words; text without CJK comes back as it was. */
export function segmentForIndex(text: string): string {
  if (!hasCjk(text)) return text
  let out = ''
  let previous = ''
  for (const { segment } of segmenter.segment(text)) {
    if (previous !== '' && CJK.test(previous.at(-1) ?? '') && CJK.test(segment[0] ?? '')) out += WORD_JOINER
    out += segment
    previous = segment
  }
  return out
}

/** The CJK words of a query term, in order (a term without CJK is one word). */
export function queryWords(term: string): string[] {
  if (!hasCjk(term)) return [term]
  return [...segmenter.segment(term)].filter((part) => part.isWordLike).map((part) => part.segment)
}

/** capture_text.extra: a frame's window title and app, segmented, when they hold CJK words; else ''. */
export function titleExtra(windowTitle: string, appName: string): string {
  const titles = `${windowTitle} ${appName}`
  return hasCjk(titles) ? segmentForIndex(titles) : ''
}

export const stripWordJoiners = (text: string): string => text.replaceAll(WORD_JOINER, '')
