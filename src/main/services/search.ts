import type Database from 'better-sqlite3'
import type { SearchHit, SearchKind } from '../../shared/contract/domains/search'
import { SEARCH_KINDS } from '../../shared/contract/domains/search'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { ServiceContext } from './context'
import { HIGHLIGHT_END, HIGHLIGHT_START, parseSnippet, toFtsQuery } from './ftsQuery'

interface HitRow {
  id: number
  title: string
  snippet: string
  created_at: number
  conversation_id: number | null
}

interface KindQueries {
  newest: Database.Statement<[string, number], HitRow>
  candidates: Database.Statement<[string, number], { id: number; score: number }>
  one: Database.Statement<[string, number], HitRow>
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
    // rowid DESC lets FTS5 walk its doclists backwards and stop after LIMIT hits: microseconds even for common words.
    newest: db.prepare(`SELECT ${select} ${base} ORDER BY ${fts}.rowid DESC LIMIT ?`),
    candidates: db.prepare(`SELECT t.id, bm25(${fts}) AS score ${base} ORDER BY ${fts}.rowid DESC LIMIT ?`),
    one: db.prepare(`SELECT ${select} ${base} AND ${fts}.rowid = ?`),
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
    const match = toFtsQuery(input.query)
    if (match === null) return { hits: [] }
    // A kind named twice is searched once: the same hit must not come back twice.
    const kinds = [...new Set(input.kinds ?? SEARCH_KINDS)]
    if (input.order === 'newest') {
      const hits = kinds.flatMap((kind) =>
        this.queries[kind].newest.all(match, input.limit).map((row) => toHit(kind, row)),
      )
      hits.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
      return { hits: hits.slice(0, input.limit) }
    }
    const ranked = kinds.flatMap((kind) =>
      this.queries[kind].candidates.all(match, RELEVANCE_CANDIDATES).map((row) => ({ kind, ...row })),
    )
    // bm25 is lower for better matches.
    ranked.sort((a, b) => a.score - b.score)
    const hits: SearchHit[] = []
    for (const candidate of ranked.slice(0, input.limit)) {
      const row = this.queries[candidate.kind].one.get(match, candidate.id)
      if (row) hits.push(toHit(candidate.kind, row))
    }
    return { hits }
  }
}
