import type { SearchHit } from '../../../shared/contract/domains/search'
import { dayKey } from './time'

/** Where a search hit opens. */
export function hitPath(hit: SearchHit, query = ''): string {
  switch (hit.kind) {
    case 'vault':
      return `/vaults/${hit.id}`
    case 'todo':
      return `/todos?focus=${hit.id}`
    case 'activity':
      // Its day is the one it started on: an activity is often written after midnight, the summary after the work.
      return `/timeline?day=${dayKey(hit.startAt ?? hit.createdAt)}&focus=${hit.id}`
    case 'tip':
      return '/'
    case 'message':
      return hit.conversationId ? `/chat/${hit.conversationId}?message=${hit.id}` : '/chat'
    case 'screen':
      return `/timeline?${new URLSearchParams({ day: dayKey(hit.createdAt), frame: String(hit.id), at: String(hit.createdAt), q: query })}`
    case 'conversation':
      return `/chat/${hit.id}`
  }
}

/** Catalogue keys of each kind of search hit, as the palette heads its groups. */
export const KIND_LABELS = {
  vault: 'search.kindVault',
  todo: 'search.kindTodo',
  activity: 'search.kindActivity',
  tip: 'search.kindTip',
  message: 'search.kindMessage',
  screen: 'search.kindScreen',
  conversation: 'search.kindConversation',
} as const satisfies Record<SearchHit['kind'], string>
