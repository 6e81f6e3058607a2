import type { Message } from '../../../shared/contract/domains/messages'
import { useCall, useCallMutation } from '../api/queries'
import { answerSources } from '../lib/chat'
import { formatNumber, formatTime } from '../lib/time'
import { Markdown } from './Markdown'
import { MessageSources } from './MessageSources'
import { ThinkingStages } from './ThinkingStages'
import { useTranslation } from 'react-i18next'

const ROLE_LABELS = { user: 'chat.you', assistant: 'chat.assistant', system: 'chat.system' } as const

/**
 * One message: markdown body, thinking and sources; for a live one a Stop that aborts the request, for a
 * failed or stopped answer its error and a Retry.
 */
export function MessageView({ message, onRetry }: { message: Message; onRetry: (message: Message) => void }) {
  const { t } = useTranslation()
  const interrupt = useCallMutation('chat.interrupt')
  // The same query ThinkingStages reads: the generation stage names its sources before the answer is done.
  const thinking = useCall(
    'thinking.list',
    { messageId: message.id },
    { enabled: message.role === 'assistant' },
  )
  const sources = answerSources(message, thinking.data?.items ?? [])
  const live = message.status === 'streaming' || message.status === 'pending'
  // A stopped answer can be asked again when it is known which question it answers.
  const retryStopped =
    message.role === 'assistant' && message.status === 'interrupted' && message.parentMessageId !== null
  return (
    <article
      className={`message message-${message.role} status-${message.status}`}
      data-testid="message"
      aria-busy={live}
    >
      <header className="message-head">
        <strong>{t(ROLE_LABELS[message.role])}</strong>
        <time className="muted">{formatTime(message.createdAt)}</time>
        {live && (
          <>
            <span className="typing" aria-label={t('chat.writing')}>
              ● ● ●
            </span>
            <button
              type="button"
              className="small"
              disabled={interrupt.isPending}
              onClick={() => interrupt.mutate({ messageId: message.id })}
            >
              {t('chat.stop')}
            </button>
          </>
        )}
        {message.role === 'assistant' && message.status === 'completed' && message.latencyMs !== null && (
          <span className="muted" aria-label={t('chat.answerCost')}>
            {t('chat.cost', {
              tokens: message.tokenCount,
              seconds: formatNumber(message.latencyMs / 1000, 1),
            })}
          </span>
        )}
        {message.status === 'interrupted' && <span className="chip">{t('chat.stopped')}</span>}
        {retryStopped && (
          <button type="button" className="small" onClick={() => onRetry(message)}>
            {t('common.retry')}
          </button>
        )}
      </header>
      {message.role === 'assistant' && <ThinkingStages messageId={message.id} live={live} />}
      {message.content !== '' && <Markdown text={message.content} />}
      <MessageSources sources={sources} />
      {message.status === 'failed' && (
        <div className="message-error" role="alert">
          <span>{t('chat.failed', { error: message.errorMessage || t('chat.unknownError') })}</span>
          <button type="button" className="small" onClick={() => onRetry(message)}>
            {t('common.retry')}
          </button>
        </div>
      )}
    </article>
  )
}
