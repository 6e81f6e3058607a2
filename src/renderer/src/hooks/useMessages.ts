import { useInfiniteQuery } from '@tanstack/react-query'
import { useClient } from '../api/context'
import { messagesKey } from '../api/liveUpdates'

const PAGE = 100

/**
 * The messages of a conversation, newest page first, older pages on demand. api/liveUpdates.ts patches
 * these pages in place from messages.updated and messages.delta, so a stream never refetches the list.
 */
export function useMessages(conversationId: number) {
  const client = useClient()
  const query = useInfiniteQuery({
    queryKey: messagesKey(conversationId),
    queryFn: ({ pageParam }) =>
      client.call('messages.list', {
        conversationId,
        limit: PAGE,
        ...(pageParam !== null ? { before: pageParam } : {}),
      }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    enabled: conversationId > 0,
  })
  // Pages run newest to oldest and each page oldest to newest: reverse the pages, keep their order.
  const messages = (query.data?.pages ?? []).toReversed().flatMap((page) => page.items)
  return { ...query, messages }
}
