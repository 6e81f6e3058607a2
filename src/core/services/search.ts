import type Database from 'better-sqlite3'
import type { SearchHit, SearchKind } from '../../shared/contract/domains/search'
import { SEARCH_KINDS } from '../../shared/contract/domains/search'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import { hasCjk, segmentForIndex, stripWordJoiners } from '../ocr/segment'
import type { ServiceContext } from './context'
import { HIGHLIGHT_END, HIGHLIGHT_START, parseSnippet } from './ftsQuery'
import { oneEditAway, queryTerms, snippetAround, stripMarkdown } from './searchText'

interface HitRow {
  id: number
  title: string
  snippet?: string
  body?: string
  created_at: number
  conversation_id: number | null
  start_at: number | null
  score?: number
}

/** Relevance ranks only the newest matches: bm25 over every row of a common word would cost a second. */
export const RELEVANCE_CANDIDATES = 500
const SNIPPET_TOKENS = 16
/** Words shorter than this are never corrected: too many words lie one letter away from them. */
const FUZZY_MIN_LENGTH = 5
const FUZZY_ALTERNATIVES = 8

type WrittenKind = 'vault' | 'todo' | 'activity' | 'tip' | 'message'

interface KindSource {
  table: string
  title: string
  /** All of the text searched, for CJK matches and snippets made here. */
  body: string
  from: string
  where: string
  conversation: string
  /** When the item happened, where that differs from when it was written (activities). */
  start: string
}

const WRITTEN: Record<WrittenKind, KindSource> = {
  vault: {
    table: 'vaults',
    title: 't.title',
    body: "t.title || ' ' || t.content",
    from: 'vaults t',
    where: 't.is_deleted = 0',
    conversation: 'NULL',
    start: 'NULL',
  },
  todo: {
    table: 'todos',
    title: 'substr(t.content, 1, 120)',
    body: 't.content',
    from: 'todos t',
    where: '1',
    conversation: 'NULL',
    start: 'NULL',
  },
  activity: {
    table: 'activities',
    title: 't.title',
    body: "t.title || ' ' || t.content",
    from: 'activities t',
    where: '1',
    conversation: 'NULL',
    start: 't.start_at',
  },
  tip: {
    table: 'tips',
    title: 'substr(t.content, 1, 120)',
    body: 't.content',
    from: 'tips t',
    where: 't.dismissed_at IS NULL',
    conversation: 'NULL',
    start: 'NULL',
  },
  message: {
    table: 'messages',
    title: "coalesce(nullif(c.title, ''), 'Conversation ' || c.id)",
    body: 't.content',
    from: 'messages t CROSS JOIN conversations c',
    where: "c.id = t.conversation_id AND c.status <> 'deleted'",
    conversation: 't.conversation_id',
    start: 'NULL',
  },
}

/** Every word (a JSON array of lower-case strings) occurs in `body`: for CJK words of one or two characters. */
const ALL_WORDS_IN = (body: string) =>
  `NOT EXISTS (SELECT 1 FROM json_each(@words) j WHERE instr(lower(${body}), j.value) = 0)`

function prepareWritten(db: Database.Database, source: KindSource) {
  const { table, title, body, from, where, conversation, start } = source
  const fts = `${table}_fts`
  const cjk = `${table}_cjk`
  const snippet = `snippet(${fts}, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', ${SNIPPET_TOKENS})`
  const ids = `t.created_at, ${conversation} AS conversation_id, ${start} AS start_at`
  const words = `t.id, ${title} AS title, ${snippet} AS snippet, ${ids}`
  const plain = `t.id, ${title} AS title, ${body} AS body, ${ids}`
  const base = `FROM ${fts} CROSS JOIN ${from} WHERE t.id = ${fts}.rowid AND ${fts} MATCH @match AND ${where}`
  return {
    // rowid DESC lets FTS5 walk its doclists backwards and stop after LIMIT hits.
    newest: db.prepare<[{ match: string; limit: number }], HitRow>(
      `SELECT ${words} ${base} ORDER BY ${fts}.rowid DESC LIMIT @limit`,
    ),
    // Scores and snippets of the newest candidates in one pass; ranking happens in memory.
    ranked: db.prepare<[{ match: string; limit: number }], HitRow>(
      `SELECT ${words}, bm25(${fts}) AS score ${base} ORDER BY ${fts}.rowid DESC LIMIT @limit`,
    ),
    trigram: db.prepare<[{ match: string; limit: number }], HitRow>(
      `SELECT ${plain} FROM ${cjk} CROSS JOIN ${from}
       WHERE t.id = ${cjk}.rowid AND ${cjk} MATCH @match AND ${where} ORDER BY ${cjk}.rowid DESC LIMIT @limit`,
    ),
    contains: db.prepare<[{ words: string; limit: number }], HitRow>(
      `SELECT ${plain} FROM ${from} WHERE ${where} AND ${ALL_WORDS_IN(body)} ORDER BY t.id DESC LIMIT @limit`,
    ),
  }
}

type WrittenQueries = ReturnType<typeof prepareWritten>

/** One query term: the word typed, or the words one letter away from it that exist (fuzzy). */
interface Term {
  alternatives: string[]
  prefix: boolean
}

const quote = (word: string) => `"${word.replaceAll('"', '""')}"`

function ftsMatch(terms: Term[], forScreens: boolean): string {
  return terms
    .map(({ alternatives, prefix }) => {
      const words = alternatives.map((word) => quote(forScreens ? segmentForIndex(word) : word))
      const joined = words.length === 1 ? (words[0] ?? '') : `(${words.join(' OR ')})`
      return prefix ? `${joined}*` : joined
    })
    .join(' ')
}

export class SearchService {
  private readonly written: Record<WrittenKind, WrittenQueries>
  private readonly statements
  private readonly vocabularies: Database.Statement<[string], number>[]

  constructor(ctx: ServiceContext) {
    const { db } = ctx
    this.written = Object.fromEntries(
      Object.entries(WRITTEN).map(([kind, source]) => [kind, prepareWritten(db, source)]),
    ) as Record<WrittenKind, WrittenQueries>
    this.statements = {
      // bm25 counts every frame holding each word before the first row comes back: most of the time of a common
      // word over a year of frames (docs/PERFORMANCE.md, "Recall"). Newest first does not need the score.
      screens: db.prepare<[{ match: string; limit: number }], { id: number; score: number }>(
        'SELECT rowid AS id, 0 AS score FROM screens_fts WHERE screens_fts MATCH @match ORDER BY rowid DESC LIMIT @limit',
      ),
      screensRanked: db.prepare<[{ match: string; limit: number }], { id: number; score: number }>(
        'SELECT rowid AS id, bm25(screens_fts) AS score FROM screens_fts WHERE screens_fts MATCH @match ORDER BY rowid DESC LIMIT @limit',
      ),
      screen: db.prepare<
        [number],
        {
          id: number
          captured_at: number
          window_title: string
          app_name: string
          text: string
          summary: string
        }
      >(
        `SELECT c.id, c.captured_at, c.window_title, c.app_name, coalesce(t.text, '') AS text, coalesce(x.summary, '') AS summary
         FROM captures c LEFT JOIN capture_text t ON t.capture_id = c.id LEFT JOIN capture_contexts x ON x.capture_id = c.id
         WHERE c.id = ?`,
      ),
      conversations: db.prepare<[{ words: string; limit: number }], HitRow>(
        `SELECT t.id, coalesce(nullif(t.title, ''), 'Conversation ' || t.id) AS title, t.title AS body, t.created_at,
           t.id AS conversation_id, NULL AS start_at
         FROM conversations t WHERE t.status <> 'deleted' AND ${ALL_WORDS_IN('t.title')} ORDER BY t.id DESC LIMIT @limit`,
      ),
    }
    // The word lists of every index, for one-letter corrections. fts5vocab tables live in this connection's
    // temp schema: nothing is stored.
    this.vocabularies = [
      'vaults_fts',
      'todos_fts',
      'activities_fts',
      'tips_fts',
      'messages_fts',
      'screens_fts',
    ].map((fts) => {
      db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${fts}_vocab USING fts5vocab(main, ${fts}, 'row')`)
      return db.prepare<[string], number>(`SELECT 1 FROM temp.${fts}_vocab WHERE term = ?`).pluck()
    })
  }

  query(input: MethodInput<'search.query'>): MethodResult<'search.query'> {
    const { words, stillTyping } = queryTerms(input.query)
    if (words.length === 0) return { hits: [] }
    // A kind named twice is searched once: the same hit must not come back twice.
    const kinds = [...new Set(input.kinds ?? SEARCH_KINDS)]
    const exact: Term[] = words.map((word) => ({ alternatives: [word], prefix: false }))
    const hits = this.run(kinds, exact, stillTyping, input)
    if (hits.length > 0) return { hits }
    const corrected = this.corrections(words)
    if (corrected === null) return { hits: [] }
    return { hits: this.run(kinds, corrected, false, input), fuzzy: true }
  }

  private run(
    kinds: SearchKind[],
    terms: Term[],
    stillTyping: boolean,
    input: MethodInput<'search.query'>,
  ): SearchHit[] {
    const relevance = input.order === 'relevance'
    const perKind = Math.min(input.perKind ?? input.limit, input.limit)
    const wanted = relevance ? RELEVANCE_CANDIDATES : perKind
    const prefixed = (): Term[] | null => {
      const last = terms.at(-1)
      return stillTyping && last ? [...terms.slice(0, -1), { ...last, prefix: true }] : null
    }
    const found = kinds.map((kind) => {
      let rows = this.searchKind(kind, terms, wanted, relevance)
      // Whole words that fill the page are the answer; only otherwise is the costlier prefix merge worth it.
      const withPrefix = prefixed()
      if ((relevance || rows.length < wanted) && withPrefix)
        rows = this.searchKind(kind, withPrefix, wanted, relevance)
      if (relevance) rows.sort((a, b) => (a.score ?? 0) - (b.score ?? 0) || b.createdAt - a.createdAt)
      return rows.slice(0, perKind)
    })
    const all = found.flat()
    if (relevance) all.sort((a, b) => (a.score ?? 0) - (b.score ?? 0) || b.createdAt - a.createdAt)
    else all.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    return all.slice(0, input.limit).map(({ score: _score, ...hit }) => hit)
  }

  private searchKind(
    kind: SearchKind,
    terms: Term[],
    limit: number,
    ranked: boolean,
  ): (SearchHit & { score?: number })[] {
    const plainWords = terms.flatMap((term) => term.alternatives)
    if (kind === 'screen') return this.screens(terms, limit, ranked)
    if (kind === 'conversation') {
      const rows = this.statements.conversations.all({ words: JSON.stringify(lowerFirsts(terms)), limit })
      return rows.map((row) => toPlainHit(kind, row, plainWords))
    }
    const queries = this.written[kind]
    if (terms.some((term) => term.alternatives.some(hasCjk))) {
      // CJK runs are one token to the word index: the trigram index finds words of three characters or more
      // inside them; shorter words are looked for in the text itself, newest first.
      const short = terms.some((term) => term.alternatives.some((word) => [...word].length < 3))
      const rows = short
        ? queries.contains.all({ words: JSON.stringify(lowerFirsts(terms)), limit })
        : queries.trigram.all({ match: ftsMatch(terms, false), limit })
      return rows.map((row) => toPlainHit(kind, row, plainWords))
    }
    const statement = ranked ? queries.ranked : queries.newest
    return statement.all({ match: ftsMatch(terms, false), limit }).map((row) => toWordHit(kind, row))
  }

  private screens(terms: Term[], limit: number, ranked: boolean): (SearchHit & { score: number })[] {
    const words = terms.flatMap((term) => term.alternatives)
    const statement = ranked ? this.statements.screensRanked : this.statements.screens
    return statement.all({ match: ftsMatch(terms, true), limit }).flatMap(({ id, score }) => {
      const row = this.statements.screen.get(id)
      if (!row) return []
      const where = row.text || row.summary
      const { text, highlights } = snippetAround(where || row.app_name, words)
      return [
        {
          kind: 'screen' as const,
          id,
          title: [row.window_title, row.app_name].filter(Boolean).join(' — ') || 'Screen',
          snippet: text,
          highlights,
          createdAt: row.captured_at,
          conversationId: null,
          score,
        },
      ]
    })
  }

  /** Each word of five letters or more that no index knows, replaced by the known words one letter away. */
  private corrections(words: string[]): Term[] | null {
    let changed = false
    const terms = words.map((word): Term => {
      const lower = word.toLowerCase()
      if ([...word].length < FUZZY_MIN_LENGTH || hasCjk(word) || this.known(lower))
        return { alternatives: [word], prefix: false }
      const near = oneEditAway(lower)
        .filter((candidate) => this.known(candidate))
        .slice(0, FUZZY_ALTERNATIVES)
      if (near.length === 0) return { alternatives: [word], prefix: false }
      changed = true
      return { alternatives: near, prefix: false }
    })
    return changed ? terms : null
  }

  private known(term: string): boolean {
    return this.vocabularies.some((vocabulary) => vocabulary.get(term) !== undefined)
  }
}

const lowerFirsts = (terms: Term[]) => terms.map((term) => (term.alternatives[0] ?? '').toLowerCase())

const startOf = (row: HitRow): Pick<SearchHit, 'startAt'> =>
  row.start_at === null ? {} : { startAt: row.start_at }

function toWordHit(kind: SearchKind, row: HitRow): SearchHit & { score?: number } {
  const { text, highlights } = parseSnippet(stripMarkdown(row.snippet ?? ''))
  return {
    kind,
    id: row.id,
    title: stripMarkdown(row.title),
    snippet: text,
    highlights,
    createdAt: row.created_at,
    conversationId: row.conversation_id,
    ...startOf(row),
    ...(row.score === undefined ? {} : { score: row.score }),
  }
}

function toPlainHit(kind: SearchKind, row: HitRow, words: string[]): SearchHit {
  const { text, highlights } = snippetAround(row.body ?? '', words)
  return {
    kind,
    id: row.id,
    title: stripMarkdown(stripWordJoiners(row.title)),
    snippet: text,
    highlights,
    createdAt: row.created_at,
    conversationId: row.conversation_id,
    ...startOf(row),
  }
}
