import type { InfiniteData, QueryClient } from '@tanstack/react-query'
import type { Message } from '../../../shared/contract/domains/messages'
import type { MethodResult } from '../../../shared/contract/methods'
import type { CairnClient } from './client'

type MessagePage = MethodResult<'messages.list'>
type MessagePages = InfiniteData<MessagePage, number | null>

function invalidate(queryClient: QueryClient, ...domains: string[]): void {
  void queryClient.invalidateQueries({
    predicate: (query) => domains.some((domain) => String(query.queryKey[0]).startsWith(`${domain}.`)),
  })
}

/** The infinite message query of one conversation (see hooks/useMessages.ts). */
export const messagesKey = (conversationId: number) => ['messages.pages', conversationId] as const

function patchMessages(
  queryClient: QueryClient,
  conversationId: number,
  patch: (items: Message[], isNewestPage: boolean) => Message[],
): void {
  queryClient.setQueryData<MessagePages>(messagesKey(conversationId), (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page, index) => ({ ...page, items: patch(page.items, index === 0) })),
        }
      : data,
  )
}

/**
 * Keeps every cached answer true to the core: events invalidate the domains they touch, and a streaming
 * message grows in place from its deltas instead of being fetched again for every chunk.
 */
export function subscribeLiveUpdates(client: CairnClient, queryClient: QueryClient): () => void {
  const offs = [
    client.on('todos.changed', () => invalidate(queryClient, 'todos', 'search')),
    client.on('vaults.changed', () => invalidate(queryClient, 'vaults', 'search')),
    client.on('conversations.changed', () => invalidate(queryClient, 'conversations')),
    client.on('tips.changed', () => invalidate(queryClient, 'tips')),
    client.on('activities.created', () => invalidate(queryClient, 'activities')),
    // chat.status follows the AI settings.
    client.on('settings.changed', () => invalidate(queryClient, 'settings', 'chat', 'capture', 'ai')),
    client.on('capture.status', () => invalidate(queryClient, 'capture')),
    // Another database is in place: nothing cached is true any more.
    client.on('backups.restored', () => void queryClient.invalidateQueries()),
    client.on('transfer.imported', () => void queryClient.invalidateQueries()),
    client.on('jobs.ran', () => invalidate(queryClient, 'jobs', 'monitoring', 'system')),
    client.on('thinking.added', ({ step }) => {
      const key = ['thinking.list', { messageId: step.messageId }]
      queryClient.setQueryData<MethodResult<'thinking.list'>>(key, (data) =>
        data ? { items: [...data.items.filter((s) => s.id !== step.id), step] } : data,
      )
      // A list fetched while this step was being written may lack it: confirm with the core.
      void queryClient.invalidateQueries({ queryKey: key })
    }),
    client.on('messages.updated', ({ message }) => {
      let found = false
      patchMessages(queryClient, message.conversationId, (items) =>
        items.map((item) => {
          if (item.id !== message.id) return item
          found = true
          // A streaming row on disk may lag the deltas already shown; keep the longer text.
          return message.status === 'streaming' && item.content.length > message.content.length
            ? { ...message, content: item.content }
            : message
        }),
      )
      if (!found) {
        patchMessages(queryClient, message.conversationId, (items, newest) =>
          newest ? [...items, message] : items,
        )
      }
      invalidate(queryClient, 'conversations')
    }),
    client.on('messages.delta', ({ messageId, conversationId, chunk, length }) => {
      let stale = false
      patchMessages(queryClient, conversationId, (items) =>
        items.map((item) => {
          if (item.id !== messageId) return item
          if (item.content.length === length - chunk.length) return { ...item, content: item.content + chunk }
          if (item.content.length < length) stale = true
          return item
        }),
      )
      // A delta was missed (the page was loading): take the text so far from the core.
      if (stale) {
        void client
          .call('messages.get', { id: messageId })
          .then((fresh) =>
            patchMessages(queryClient, conversationId, (items) =>
              items.map((item) =>
                item.id === messageId && item.content.length < fresh.content.length ? fresh : item,
              ),
            ),
          )
      }
    }),
  ]
  return () => offs.forEach((off) => off())
}
