import { Link } from 'react-router'
import type { ChatSource } from '../../../shared/contract/domains/chat'
import { hitPath } from '../lib/links'

const SINGULAR: Record<ChatSource['kind'], string> = {
  vault: 'Document',
  todo: 'Todo',
  activity: 'Activity',
  tip: 'Tip',
  message: 'Chat',
  screen: 'Screen',
  conversation: 'Chat',
}

/** Links under an answer to the note, todo, activity, tip or chat each citation points at. */
export function MessageSources({ sources }: { sources: ChatSource[] }) {
  if (sources.length === 0) return null
  return (
    <nav className="message-sources" aria-label="Sources">
      <span className="muted">Sources</span>
      <ol>
        {sources.map((source, index) => (
          <li key={`${source.kind}:${source.id}`}>
            <Link to={hitPath({ ...source, highlights: [] })} title={source.snippet}>
              <span className="source-number">[{index + 1}]</span> {SINGULAR[source.kind]}: {source.title}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  )
}
