import { createContext, memo, useContext } from 'react'
import type { ReactNode } from 'react'
import ReactMarkdown from 'react-markdown'
import type { Components } from 'react-markdown'
import { Link } from 'react-router'
import remarkGfm from 'remark-gfm'
import type { Element, ElementContent } from 'hast'
import { useTranslation } from 'react-i18next'
import { titleKey } from '../../../../shared/wikiLinks'
import { rehypeSourceLines, remarkWikiLinks } from './markdownPlugins'

export interface NotePreviewProps {
  text: string
  /** Link title key → the document's id, null when none is called that; absent while not yet known. */
  targets: ReadonlyMap<string, number | null>
  onToggleTask(at: number, checked: boolean): void
  onCreateLinked(title: string): void
}

const remarkPlugins = [remarkGfm, remarkWikiLinks]
const rehypePlugins = [rehypeSourceLines]

/** The source offset of the list item a task box is in, and its words (the box's accessible name). */
const TaskItem = createContext<{ offset: number; words: string } | null>(null)
const Actions = createContext<Omit<NotePreviewProps, 'text'> | null>(null)

/** The item's own words, without those of lists nested in it. */
function ownWords(node: ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'element' || node.tagName === 'ul' || node.tagName === 'ol') return ''
  return node.children.map(ownWords).join('')
}

function ListItem({
  node,
  children,
  className,
}: {
  node?: Element
  children?: ReactNode
  className?: string
}) {
  const offset = node?.position?.start.offset
  const item = <li className={className}>{children}</li>
  if (!className?.includes('task-list-item') || offset === undefined) return item
  const words = node ? node.children.map(ownWords).join('').trim() : ''
  return <TaskItem.Provider value={{ offset, words }}>{item}</TaskItem.Provider>
}

function Input({ type, checked }: { type?: string; checked?: boolean }) {
  const { t } = useTranslation()
  const item = useContext(TaskItem)
  const actions = useContext(Actions)
  if (type !== 'checkbox') return null
  return (
    <input
      type="checkbox"
      checked={checked ?? false}
      aria-label={t('editor.task', { task: item?.words ?? '' })}
      disabled={!item || !actions}
      onChange={(event) => item && actions?.onToggleTask(item.offset, event.target.checked)}
    />
  )
}

function Anchor(props: { href?: string; children?: ReactNode; 'data-wiki-target'?: string }) {
  const { t } = useTranslation()
  const actions = useContext(Actions)
  const target = props['data-wiki-target']
  if (target === undefined) {
    // Links leave the app window: a note's link must never replace Cairn itself.
    return (
      <a href={props.href} target="_blank" rel="noreferrer noopener">
        {props.children}
      </a>
    )
  }
  const id = actions?.targets.get(titleKey(target))
  if (id) {
    return (
      <Link className="wiki-link" to={`/vaults/${id}`}>
        {props.children}
      </Link>
    )
  }
  if (id === undefined) return <span className="wiki-link">{props.children}</span>
  // No document has this title: the link says so, and one click makes the document.
  return (
    <button
      type="button"
      className="wiki-link missing"
      title={t('vaults.missingLink', { title: target })}
      aria-label={t('vaults.createLinked', { title: target })}
      onClick={() => actions?.onCreateLinked(target)}
    >
      {props.children}
    </button>
  )
}

const components: Components = { li: ListItem, input: Input, a: Anchor }

const Rendered = memo(function Rendered({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {text}
    </ReactMarkdown>
  )
})

/**
 * The document as GitHub-flavoured markdown (tables, task lists, strike, autolinks) with `[[links]]`. Raw HTML
 * is not rendered and unsafe URLs are dropped (react-markdown without rehype-raw), so a note cannot run code.
 * A task box ticked here edits the source through the editor, so it is saved and can be undone like typing.
 */
export function NotePreview({ text, ...actions }: NotePreviewProps) {
  return (
    <div className="markdown">
      <Actions.Provider value={actions}>
        <Rendered text={text} />
      </Actions.Provider>
    </div>
  )
}
