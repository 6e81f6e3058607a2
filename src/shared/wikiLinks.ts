/**
 * `[[links]]` between documents, read the same way by the core (backlinks) and the renderer (preview, completion).
 * A link names a document by its title: `[[Otter notes]]`, or `[[Otter notes|the otters]]` to show other words.
 * Titles match without regard to case, width (NFKC) or runs of spaces, so `[[otter  NOTES]]` finds "Otter notes".
 */

/** One link: brackets, a target without brackets, pipes or line breaks, and an optional label after a pipe. */
export const WIKI_LINK_PATTERN = /\[\[([^[\]|\n]{1,1000})(?:\|([^[\]\n]{1,1000}))?\]\]/g

export interface WikiLink {
  target: string
  label: string
  /** Where the link starts and ends in the text. */
  from: number
  to: number
}

/** The form two titles are compared in. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase()
}

export function wikiLinks(text: string): WikiLink[] {
  const links: WikiLink[] = []
  for (const match of text.matchAll(WIKI_LINK_PATTERN)) {
    const target = (match[1] ?? '').trim()
    if (target === '') continue
    links.push({
      target,
      label: (match[2] ?? '').trim() || target,
      from: match.index,
      to: match.index + match[0].length,
    })
  }
  return links
}

/** Whether `text` links to the document titled `title`. */
export function linksTo(text: string, title: string): boolean {
  const key = titleKey(title)
  return key !== '' && wikiLinks(text).some((link) => titleKey(link.target) === key)
}
