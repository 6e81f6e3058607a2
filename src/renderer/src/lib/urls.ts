import type { Activity } from '../../../shared/contract/domains/activities'
import { externalUrl } from '../../../shared/externalUrl'

/** At most this many links are shown for one activity; a page of text rarely cites more. */
export const MAX_URLS = 50

// A web address in running text; what ends a sentence (.,;:!?) or closes a bracket or quote is trimmed after.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`\u3000-\u303f\uff01-\uff5e]+/gi
const TRAILING = /[.,;:!?)\]}>'"]$/

/** Trims punctuation that ends the sentence around an address, but not a bracket the address opened itself. */
function trimTrailing(url: string): string {
  let end = url
  while (TRAILING.test(end)) {
    const last = end[end.length - 1]
    const count = (char: string) => end.split(char).length - 1
    if (last === ')' && count('(') >= count(')')) break
    end = end.slice(0, -1)
  }
  return end
}

function stringsIn(value: unknown, into: string[], depth = 0): void {
  if (depth > 8) return
  if (typeof value === 'string') into.push(value)
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into, depth + 1)
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) stringsIn(item, into, depth + 1)
  }
}

/** The web addresses an activity cites (its resources first, then its text and metadata), each once, in order. */
export function activityUrls(
  activity: Pick<Activity, 'title' | 'content' | 'resources' | 'metadata'>,
): string[] {
  const texts: string[] = []
  stringsIn(activity.resources.urls, texts)
  stringsIn([activity.title, activity.content], texts)
  stringsIn(activity.metadata, texts)
  const found = new Set<string>()
  for (const text of texts) {
    for (const match of text.matchAll(URL_IN_TEXT)) {
      // Only what the shell would open (it checks again): http(s) to a named host, no credentials.
      const url = externalUrl(trimTrailing(match[0]))
      if (url) found.add(url)
      if (found.size >= MAX_URLS) return [...found]
    }
  }
  return [...found]
}
