import { LlmError } from '../llm/client'
import type Database from 'better-sqlite3'
import type { MeaningProblem, SearchHit, SearchKind } from '../../shared/contract/domains/search'
import { SEARCH_KINDS } from '../../shared/contract/domains/search'
import { AppError } from '../../shared/contract/errors'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { AiService } from '../ai/service'
import { MIN_RELATED_SIMILARITY } from '../chat/rerank'
import { VectorIndex } from '../chat/vectorIndex'
import type { ServiceContext } from '../services/context'
import type { SearchService } from '../services/search'
import { queryTerms } from '../services/searchText'
import { capPerKind, fuseByRank } from './fusion'

/** Longest wait for the query's vector: a person is looking at the palette. */
const EMBED_TIMEOUT_MS = 15_000
/** Nearest vectors asked of the index. */
const NEAREST = 60

/** Whether an item found in the index still exists (and is not in the trash, dismissed or deleted). */
const STILL_THERE: Record<SearchKind, string> = {
  vault: 'SELECT 1 FROM vaults WHERE id = ? AND is_deleted = 0',
  todo: 'SELECT 1 FROM todos WHERE id = ?',
  activity: 'SELECT 1 FROM activities WHERE id = ?',
  tip: 'SELECT 1 FROM tips WHERE id = ? AND dismissed_at IS NULL',
  message: `SELECT 1 FROM messages t CROSS JOIN conversations c
            WHERE t.id = ? AND c.id = t.conversation_id AND c.status <> 'deleted'`,
  conversation: "SELECT 1 FROM conversations WHERE id = ? AND status <> 'deleted'",
  screen: 'SELECT 1 FROM captures WHERE id = ?',
}

/**
 * `search.meaning`: the keyword hits of search.query merged with the items closest in meaning to the query,
 * from the vector index the background embedding keeps. The query is the one text sent to the provider.
 */
export class MeaningSearch {
  private readonly stillThere: Record<SearchKind, Database.Statement<[number], number>>

  constructor(
    private readonly ctx: ServiceContext,
    private readonly search: SearchService,
    private readonly ai: AiService,
  ) {
    this.stillThere = Object.fromEntries(
      SEARCH_KINDS.map((kind) => [kind, ctx.db.prepare<[number], number>(STILL_THERE[kind]).pluck()]),
    ) as Record<SearchKind, Database.Statement<[number], number>>
  }

  async meaning(input: MethodInput<'search.meaning'>): Promise<MethodResult<'search.meaning'>> {
    const perKind = Math.min(input.perKind ?? input.limit, input.limit)
    const words = this.search.query({ ...input, perKind })
    const byWords = (code: MeaningProblem, message: string): MethodResult<'search.meaning'> => ({
      hits: words.hits.map((hit) => ({ ...hit, match: 'words' as const })),
      ...(words.fuzzy ? { fuzzy: true } : {}),
      indexed: 0,
      problem: { code, message: message.slice(0, 2_000) },
    })
    await this.ai.ready()
    const endpoint = this.ai.endpoint('embedding')
    if (!endpoint) {
      const reason = this.ai.config().purposes.embedding.reason
      return byWords('NO_MODEL', `Search by meaning needs an embedding model. ${reason}`)
    }
    if (queryTerms(input.query).words.length === 0) return { hits: [], indexed: 0, problem: null }
    let vector: number[] | undefined
    try {
      const answer = await endpoint.client.embed(endpoint.model, [input.query], {
        signal: AbortSignal.timeout(EMBED_TIMEOUT_MS),
      })
      vector = answer.vectors[0]
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (error instanceof AppError && error.code === 'RATE_LIMITED' && this.ai.budgetState().exhausted)
        return byWords('BUDGET', message)
      this.ai.noteError('embed', message, error instanceof LlmError ? error.note : null)
      return byWords('PROVIDER', `The embedding model could not embed the query: ${message}`)
    }
    if (!vector) return byWords('PROVIDER', 'The embedding model sent no vector for the query.')
    let index: VectorIndex | null
    try {
      index = VectorIndex.openExisting(this.ctx.db, endpoint.model)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return byWords('INDEX', `The vector index cannot be opened here: ${message}`)
    }
    const kinds = new Set<SearchKind>(input.kinds ?? SEARCH_KINDS)
    const near: SearchHit[] = (index?.nearest(vector, NEAREST) ?? [])
      .filter(({ hit, similarity }) => similarity >= MIN_RELATED_SIMILARITY && kinds.has(hit.kind))
      .filter(({ hit }) => this.stillThere[hit.kind].get(hit.id) !== undefined)
      .map(({ hit }) => hit)
    return {
      hits: capPerKind(fuseByRank(words.hits, near), perKind, input.limit),
      ...(words.fuzzy ? { fuzzy: true } : {}),
      indexed: index?.size() ?? 0,
      problem: null,
    }
  }
}
