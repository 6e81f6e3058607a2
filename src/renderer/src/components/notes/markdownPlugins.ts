import type { Root as HastRoot } from 'hast'
import type { Root as MdastRoot, PhrasingContent } from 'mdast'
import { findAndReplace } from 'mdast-util-find-and-replace'
import { WIKI_LINK_PATTERN } from '../../../../shared/wikiLinks'

/**
 * `[[Title]]` and `[[Title|label]]` become links carrying their target in `data-wiki-target`; the preview's
 * link component decides where they go. Code spans and blocks are not text nodes, so links in code stay text.
 */
export function remarkWikiLinks() {
  return (tree: MdastRoot) => {
    findAndReplace(tree, [
      new RegExp(WIKI_LINK_PATTERN.source, 'g'),
      (whole: string, target: string, label: string | undefined): PhrasingContent | string => {
        const trimmed = target.trim()
        if (trimmed === '') return whole
        return {
          type: 'link',
          url: '',
          children: [{ type: 'text', value: label?.trim() || trimmed }],
          data: { hProperties: { dataWikiTarget: trimmed } },
        }
      },
    ])
  }
}

/**
 * Each top-level block of the preview carries the source line it starts on, so the preview can follow the
 * editor's scrolling by line rather than by proportion (a tall table or image does not throw it off).
 */
export function rehypeSourceLines() {
  return (tree: HastRoot) => {
    for (const child of tree.children) {
      if (child.type === 'element' && child.position)
        child.properties = { ...child.properties, dataLine: child.position.start.line }
    }
  }
}

const TASK_MARKER = /^(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\]/

/** Where the `[ ]` of the task list item starting at `offset` is, and whether it is ticked. */
export function taskBoxAt(text: string, offset: number): { at: number; checked: boolean } | null {
  const match = TASK_MARKER.exec(text.slice(offset, offset + 40))
  if (!match) return null
  const at = offset + match[0].length - 2
  return { at, checked: match[1] !== ' ' }
}
