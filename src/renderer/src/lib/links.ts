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
      return `/timeline?day=${dayKey(hit.createdAt)}&focus=${hit.id}`
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

export const KIND_LABELS: Record<SearchHit['kind'], string> = {
  vault: 'Documents',
  todo: 'Todos',
  activity: 'Activities',
  tip: 'Tips',
  message: 'Messages',
  screen: 'Screens',
  conversation: 'Conversations',
}
