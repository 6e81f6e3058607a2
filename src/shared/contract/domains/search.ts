import { z } from 'zod'
import { epochMs, id } from '../common'
import { LIMITS } from '../limits'

export const SEARCH_KINDS = ['vault', 'todo', 'activity', 'tip', 'message'] as const
export const searchKind = z.enum(SEARCH_KINDS)
export type SearchKind = z.infer<typeof searchKind>

export const searchHit = z.object({
  kind: searchKind,
  id,
  title: z.string(),
  snippet: z.string(),
  /** [start, end) character ranges of `snippet` that matched the query. */
  highlights: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  createdAt: epochMs,
  /** For messages: the conversation to open. */
  conversationId: id.nullable(),
})
export type SearchHit = z.infer<typeof searchHit>

export const searchMethods = {
  'search.query': {
    description:
      'Search documents, todos, activities, tips and messages at once. Words match as prefixes; newest first, or by relevance (bm25 over the newest 500 matches per kind).',
    input: z.strictObject({
      query: z.string().max(LIMITS.searchQuery),
      kinds: z.array(searchKind).min(1).max(SEARCH_KINDS.length).optional(),
      order: z.enum(['newest', 'relevance']).default('newest'),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    output: z.object({ hits: z.array(searchHit) }),
  },
} as const
