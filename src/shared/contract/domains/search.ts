import { z } from 'zod'
import { epochMs, id } from '../common'
import { LIMITS } from '../limits'

/** What search.query finds: the written kinds, captured frames (screen) and conversations by title. */
export const SEARCH_KINDS = ['vault', 'todo', 'activity', 'tip', 'message', 'screen', 'conversation'] as const
export const searchKind = z.enum(SEARCH_KINDS)
export type SearchKind = z.infer<typeof searchKind>
/** The kinds written by a person or an assistant (what chat answers from). */
export const WRITTEN_KINDS = ['vault', 'todo', 'activity', 'tip', 'message'] as const satisfies SearchKind[]

export const searchHit = z.object({
  kind: searchKind,
  /** For screen: the capture's id; for conversation: the conversation's. */
  id,
  title: z.string(),
  /** Plain text (no markdown), with the matched words' ranges in `highlights`. */
  snippet: z.string(),
  /** [start, end) character ranges of `snippet` that matched the query. */
  highlights: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  createdAt: epochMs,
  /** For messages and conversations: the conversation to open. */
  conversationId: id.nullable(),
  /** For activities: when it started, which is the Timeline day it opens on (it may be written after midnight). */
  startAt: epochMs.optional(),
})
export type SearchHit = z.infer<typeof searchHit>

/** How a hit of search.meaning was found: by its words, by its meaning (the vector index), or both. */
export const MATCH_WAYS = ['words', 'meaning', 'both'] as const
/** Why search.meaning answered by words only: stable codes the palette words in the person's language. */
export const MEANING_PROBLEMS = ['NO_MODEL', 'BUDGET', 'PROVIDER', 'INDEX'] as const
export type MeaningProblem = (typeof MEANING_PROBLEMS)[number]
export const meaningHit = searchHit.extend({ match: z.enum(MATCH_WAYS) })
export type MeaningHit = z.infer<typeof meaningHit>

const searchInput = z.strictObject({
  query: z.string().max(LIMITS.searchQuery),
  kinds: z.array(searchKind).min(1).max(SEARCH_KINDS.length).optional(),
  order: z.enum(['newest', 'relevance']).default('newest'),
  limit: z.number().int().min(1).max(200).default(20),
  perKind: z.number().int().min(1).max(50).optional(),
})

export const searchMethods = {
  'search.query': {
    description:
      'Search documents, todos, activities, tips, messages, captured screens (text read on the device, window titles, apps, vision descriptions) and conversation titles at once. Words match as prefixes; Chinese and Japanese words match inside a run of text; when nothing matches, a word of five letters or more also matches words one letter away (`fuzzy` is then true). Newest first, or by relevance (bm25 over the newest 500 matches per kind). With `perKind`, at most that many hits of each kind, so no kind crowds out the others.',
    input: searchInput,
    output: z.object({ hits: z.array(searchHit), fuzzy: z.boolean().optional() }),
  },
  'search.meaning': {
    description:
      "Search by meaning and by words at once, where an embedding model is configured: the query is embedded once, the closest items in the vector index (every kind is embedded in the background) are merged with the keyword hits of search.query by reciprocal rank fusion, and each hit says whether it came by its words, its meaning or both. When the meaning side cannot run (no embedding model set, the day's token budget spent, the provider failed) the answer holds the keyword hits alone and `problem` says why, with a stable code. `order` applies to the keyword side (newest first by default, as in search.query: bm25 over a common word in a million messages takes about 200 ms, too slow while typing; the fusion ranks the merged list anyway).",
    input: searchInput,
    output: z.object({
      hits: z.array(meaningHit),
      fuzzy: z.boolean().optional(),
      /** Items in the vector index of the model used (0 when the meaning side could not run). */
      indexed: z.number().int().nonnegative(),
      /**
       * Why the hits are by words only, or null when the meaning side ran: no embedding model set, the day's
       * token budget spent, the provider failed, or the vector index cannot be opened here.
       */
      problem: z.object({ code: z.enum(MEANING_PROBLEMS), message: z.string().max(2_000) }).nullable(),
    }),
  },
} as const
