/** Words that say nothing about what a question is about; searching for them only finds noise. */
const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could did do does doing done for from had has have how i if in into ' +
    'is it its me my of on or our so than that the their them then there these they this those to too was we ' +
    'were what when where which who whom why will with would you your yours about any all some just also me ' +
    'tell show give find please should shall may might much many more most very get got let lets today ' +
    'yesterday week ago again up down out over under am'
  ).split(' '),
)

export const MAX_KEYWORDS = 8

/**
 * The index does not stem, so "otters" would not find "otter". A plural's singular, searched as a prefix
 * (search.query widens the last word to a prefix when whole words do not fill the page), finds both.
 */
function singular(word: string): string {
  return [...word].length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word
}

/**
 * The words of a question worth searching for, most telling first: no stopwords, no single letters, each
 * once, plurals as their singular, longer words ahead of shorter ones (a longer word is usually the rarer, more specific one).
 */
export function questionKeywords(question: string): string[] {
  const words =
    question
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}_]+/gu) ?? []
  const seen = new Set<string>()
  const kept: { word: string; order: number }[] = []
  for (const raw of words) {
    const word = singular(raw)
    if ([...word].length < 2 || STOPWORDS.has(word) || seen.has(word)) continue
    seen.add(word)
    kept.push({ word, order: kept.length })
  }
  kept.sort((a, b) => [...b.word].length - [...a.word].length || a.order - b.order)
  return kept.slice(0, MAX_KEYWORDS).map((item) => item.word)
}
