import type { Message } from '../../../shared/contract/domains/messages'
import { useCallMutation } from '../api/queries'
import { formatTime } from '../lib/time'
import { Markdown } from './Markdown'
import { ThinkingStages } from './ThinkingStages'

const ROLE_LABELS = { user: 'You', assistant: 'Cairn', system: 'System' } as const

/** One message: markdown body, thinking, and for a live one an interrupt, for a failed one its error and retry. */
export function MessageView({ message, onRetry }: { message: Message; onRetry: (message: Message) => void }) {
  const interrupt = useCallMutation('messages.interrupt')
  const live = message.status === 'streaming' || message.status === 'pending'
  return (
    <article
      className={`message message-${message.role} status-${message.status}`}
      data-testid="message"
      aria-busy={live}
    >
      <header className="message-head">
        <strong>{ROLE_LABELS[message.role]}</strong>
        <time className="muted">{formatTime(message.createdAt)}</time>
        {live && (
          <>
            <span className="typing" aria-label="Writing">
              ● ● ●
            </span>
            <button type="button" className="small" onClick={() => interrupt.mutate({ id: message.id })}>
              Stop
            </button>
          </>
        )}
        {message.status === 'interrupted' && <span className="chip">Stopped</span>}
      </header>
      {message.role === 'assistant' && <ThinkingStages messageId={message.id} live={live} />}
      {message.content !== '' && <Markdown text={message.content} />}
      {message.status === 'failed' && (
        <div className="message-error" role="alert">
          <span>Failed: {message.errorMessage || 'unknown error'}</span>
          <button type="button" className="small" onClick={() => onRetry(message)}>
            Retry
          </button>
        </div>
      )}
    </article>
  )
}
