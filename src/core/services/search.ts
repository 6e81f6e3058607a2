import type Database from 'better-sqlite3'
import type { SearchHit, SearchKind } from '../../shared/contract/domains/search'
import { SEARCH_KINDS } from '../../shared/contract/domains/search'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { ServiceContext } from './context'
import { HIGHLIGHT_END, HIGHLIGHT_START, parseSnippet, planFtsQuery } from './ftsQuery'

interface HitRow {
  id: number
  title: string
  snippet: string
  created_at: number
  conversation_id: number | null
}

interface KindQueries {
  newest: Database.Statement<[string, number], HitRow>
  ranked: Database.Statement<[string, number], HitRow & { score: number }>
}

/** Relevance ranks only the newest matches: bm25 over every row of a common word would cost a second. */
export const RELEVANCE_CANDIDATES = 500
const SNIPPET_TOKENS = 16

interface KindSource {
  fts: string
  /** Columns of the hit, with `t` the content table and the FTS table under its own name. */
  select: string
  /** Tables joined after the FTS table; CROSS JOIN keeps the FTS table outermost so its rowid order is used. */
  from: string
  where: string
}

function sources(): Record<SearchKind, KindSource> {
  const snippet = (fts: string) =>
    `snippet(${fts}, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', ${SNIPPET_TOKENS})`
  return {
    vault: {
      fts: 'vaults_fts',
      select: `t.id, t.title, ${snippet('vaults_fts')} AS snippet, t.created_at, NULL AS conversation_id`,
      from: 'vaults t',
      where: 't.is_deleted = 0',
    },
    todo: {
      fts: 'todos_fts',
      select: `t.id, substr(t.content, 1, 120) AS title, ${snippet('todos_fts')} AS snippet, t.created_at, NULL AS conversation_id`,
      from: 'todos t',
      where: '1',
    },
    activity: {
      fts: 'activities_fts',
      select: `t.id, t.title, ${snippet('activities_fts')} AS snippet, t.created_at, NULL AS conversation_id`,
      from: 'activities t',
      where: '1',
    },
    tip: {
      fts: 'tips_fts',
      select: `t.id, substr(t.content, 1, 120) AS title, ${snippet('tips_fts')} AS snippet, t.created_at, NULL AS conversation_id`,
      from: 'tips t',
      where: 't.dismissed_at IS NULL',
    },
    message: {
      fts: 'messages_fts',
      select: `t.id, coalesce(nullif(c.title, ''), 'Conversation ' || c.id) AS title, ${snippet('messages_fts')} AS snippet,
        t.created_at, t.conversation_id`,
      from: 'messages t CROSS JOIN conversations c',
      where: "c.id = t.conversation_id AND c.status <> 'deleted'",
    },
  }
}

function prepareKind(db: Database.Database, source: KindSource): KindQueries {
  const { fts, select, from, where } = source
  const base = `FROM ${fts} CROSS JOIN ${from} WHERE t.id = ${fts}.rowid AND ${fts} MATCH ? AND ${where}`
  return {
    // rowid DESC lets FTS5 walk its doclists backwards and stop after LIMIT hits.
    newest: db.prepare(`SELECT ${select} ${base} ORDER BY ${fts}.rowid DESC LIMIT ?`),
    // Scores and snippets of the newest candidates in one pass; ranking happens in memory.
    ranked: db.prepare(`SELECT ${select}, bm25(${fts}) AS score ${base} ORDER BY ${fts}.rowid DESC LIMIT ?`),
  }
}

function toHit(kind: SearchKind, row: HitRow): SearchHit {
  const { text, highlights } = parseSnippet(row.snippet ?? '')
  return {
    kind,
    id: row.id,
    title: row.title,
    snippet: text,
    highlights,
    createdAt: row.created_at,
    conversationId: row.conversation_id,
  }
}

export class SearchService {
  private readonly queries: Record<SearchKind, KindQueries>

  constructor(ctx: ServiceContext) {
    const all = sources()
    this.queries = Object.fromEntries(
      SEARCH_KINDS.map((kind) => [kind, prepareKind(ctx.db, all[kind])]),
    ) as Record<SearchKind, KindQueries>
  }

  query(input: MethodInput<'search.query'>): MethodResult<'search.query'> {
    const plan = planFtsQuery(input.query)
    if (plan === null) return { hits: [] }
    // A kind named twice is searched once: the same hit must not come back twice.
    const kinds = [...new Set(input.kinds ?? SEARCH_KINDS)]
    if (input.order === 'relevance')
      return { hits: this.byRelevance(kinds, plan.prefixed ?? plan.whole, input.limit) }
    const hits = this.newest(kinds, plan.whole, input.limit)
    // Whole words that fill the page are the answer; only otherwise is the costlier prefix merge worth it.
    if (hits.length < input.limit && plan.prefixed !== null)
      return { hits: this.newest(kinds, plan.prefixed, input.limit) }
    return { hits }
  }

  private newest(kinds: SearchKind[], match: string, limit: number): SearchHit[] {
    const hits = kinds.flatMap((kind) =>
      this.queries[kind].newest.all(match, limit).map((row) => toHit(kind, row)),
    )
    hits.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    return hits.slice(0, limit)
  }

  private byRelevance(kinds: SearchKind[], match: string, limit: number): SearchHit[] {
    const ranked = kinds.flatMap((kind) =>
      this.queries[kind].ranked.all(match, RELEVANCE_CANDIDATES).map((row) => ({ kind, row })),
    )
    // bm25 is lower for better matches; newer first among equals.
    ranked.sort((a, b) => a.row.score - b.row.score || b.row.created_at - a.row.created_at)
    return ranked.slice(0, limit).map(({ kind, row }) => toHit(kind, row))
  }
}
