import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState } from 'react'
import type { FormEvent } from 'react'
import type { Message } from '../../../shared/contract/domains/messages'
import { useCall, useCallMutation } from '../api/queries'
import { useMessages } from '../hooks/useMessages'
import { errorText } from '../lib/errors'
import { reportError } from '../lib/toastBus'
import { AiNotConfigured } from './AiNotConfigured'
import { MessageView } from './MessageView'
import '../styles/chat.css'
import { useTranslation } from 'react-i18next'

/** The messages of one conversation (virtualized, sticking to the bottom while it grows) and the composer. */
export function ChatThread({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation()
  const thread = useMessages(conversationId)
  const { messages } = thread
  const status = useCall('chat.status', {})
  // A call that could not answer (AI off) means the status shown may be stale: ask again.
  const recheck = (result: { notice: string | null }) => {
    if (result.notice !== null) void status.refetch()
  }
  const send = useCallMutation('chat.send', { onSuccess: recheck })
  const again = useCallMutation('chat.retry', { onSuccess: recheck })
  const [draft, setDraft] = useState('')
  const parent = useRef<HTMLDivElement>(null)
  const atBottom = useRef(true)
  // TanStack Virtual returns functions the React Compiler cannot memoize; this component is simply not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 96,
    overscan: 6,
  })
  const last = messages[messages.length - 1]
  const tail = `${messages.length}:${last?.id}:${last?.content.length}:${last?.status}`

  useEffect(() => {
    if (atBottom.current && messages.length > 0)
      virtualizer.scrollToIndex(messages.length - 1, { align: 'end' })
  }, [tail, messages.length, virtualizer])

  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    const content = draft.trim()
    if (content === '') return
    atBottom.current = true
    send.mutate({ conversationId, content }, { onSuccess: () => setDraft('') })
  }

  // An answer knows its question: it is answered again in place. One without (written by another tool)
  // is answered by asking the question before it once more.
  const retry = (failed: Message) => {
    atBottom.current = true
    if (failed.parentMessageId !== null) {
      again.mutate({ messageId: failed.id })
      return
    }
    const question = messages.slice(0, messages.indexOf(failed)).findLast((item) => item.role === 'user')
    if (!question) {
      reportError(t('chat.noQuestion'))
      return
    }
    send.mutate({ conversationId, content: question.content })
  }
  const aiOff = status.data ? !status.data.configured : false

  return (
    <div className="thread">
      <div
        ref={parent}
        className="thread-scroll"
        aria-label={t('chat.messages')}
        role="log"
        onScroll={(event) => {
          const element = event.currentTarget
          atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40
        }}
      >
        {thread.hasNextPage && (
          <button
            type="button"
            className="load-older"
            disabled={thread.isFetchingNextPage}
            onClick={() => void thread.fetchNextPage()}
          >
            {t('chat.loadEarlier')}
          </button>
        )}
        {thread.error && <p className="inline-error">{errorText(thread.error)}</p>}
        {thread.isSuccess && messages.length === 0 && <p className="empty-state">{t('chat.noMessages')}</p>}
        <div className="virtual-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const message = messages[item.index]
            return message ? (
              <div
                key={message.id}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="virtual-message"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <MessageView message={message} onRetry={retry} />
              </div>
            ) : null
          })}
        </div>
      </div>
      {aiOff && <AiNotConfigured />}
      <form className="composer" onSubmit={submit}>
        <textarea
          aria-label={t('chat.message')}
          placeholder={t('chat.placeholder')}
          value={draft}
          rows={2}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault()
              submit()
            }
          }}
        />
        <button type="submit" className="primary" disabled={send.isPending || draft.trim() === ''}>
          {t('chat.send')}
        </button>
      </form>
    </div>
  )
}
