import { Link } from 'react-router'
import type { ChatSource } from '../../../shared/contract/domains/chat'
import { hitPath } from '../lib/links'
import { useTranslation } from 'react-i18next'

const SINGULAR = {
  vault: 'chat.sourceVault',
  todo: 'chat.sourceTodo',
  activity: 'chat.sourceActivity',
  tip: 'chat.sourceTip',
  message: 'chat.sourceMessage',
  screen: 'chat.sourceScreen',
  conversation: 'chat.sourceConversation',
} as const satisfies Record<ChatSource['kind'], string>

/** Links under an answer to the note, todo, activity, tip or chat each citation points at. */
export function MessageSources({ sources }: { sources: ChatSource[] }) {
  const { t } = useTranslation()
  if (sources.length === 0) return null
  return (
    <nav className="message-sources" aria-label={t('chat.sources')}>
      <span className="muted">{t('chat.sources')}</span>
      <ol>
        {sources.map((source, index) => (
          <li key={`${source.kind}:${source.id}`}>
            <Link to={hitPath({ ...source, highlights: [] })} title={source.snippet}>
              <span className="source-number">[{index + 1}]</span> {t(SINGULAR[source.kind])}: {source.title}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  )
}
