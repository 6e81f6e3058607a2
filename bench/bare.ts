import Database from 'better-sqlite3'
import { UPSERT_TOKEN_USAGE_SQL } from '../src/core/services/monitoring'
import type { FtsQueryPlan } from '../src/core/services/ftsQuery'
import { HIGHLIGHT_END, HIGHLIGHT_START, planFtsQuery } from '../src/core/services/ftsQuery'
import type { NewMessage, TokenUsage } from './workload'
import { hourBucket } from '../src/core/platform/clock'

/** The pragmas src/core/db/open.ts sets on Cairn's connection; the ceiling runs with the same ones. */
const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  'journal_size_limit = 67108864',
  'temp_store = MEMORY',
  'cache_size = -131072',
]

export function openBare(file: string): Database.Database {
  const db = new Database(file)
  for (const pragma of PRAGMAS) db.pragma(pragma)
  return db
}

/**
 * The statements Cairn's services run, with nothing around them: no input validation, no row mapping,
 * no extra reads, one prepared transaction wrapper. Their SQL mirrors src/core/services/{messages,search,
 * monitoring}.ts; keep it in step when those change.
 */
export interface BareCeiling {
  insertMessage(message: NewMessage): void
  lastPage(conversationId: number, limit: number): number
  /** Newest-first hits as Cairn plans them: whole words first, the prefix merge only if the page is not full. */
  searchNewest(plan: FtsQueryPlan, limit: number): number
  /** One FTS5 MATCH, newest first. */
  searchMatch(match: string, limit: number): number
  upsertTokenUsage(usage: TokenUsage): void
}

export function bareCeiling(db: Database.Database): BareCeiling {
  const insert = db.prepare(
    `INSERT INTO messages (id, conversation_id, parent_message_id, role, content, status, token_count, metadata, created_at, updated_at, completed_at)
     VALUES ((SELECT coalesce(max(id), 0) + 1 FROM messages), @conversationId, @parentMessageId, @role, @content, @status, @tokenCount, @metadata, @now, @now, @completedAt)
     RETURNING id`,
  )
  const insertOne = db.transaction((message: NewMessage) => {
    const now = Date.now()
    insert.get({
      ...message,
      parentMessageId: null,
      status: 'completed',
      tokenCount: 0,
      metadata: '{}',
      now,
      completedAt: now,
    })
  })
  const lastPage = db.prepare<[number, number]>(
    `SELECT id, conversation_id, parent_message_id, role, content, status, token_count, latency_ms, error_message, metadata,
       created_at, updated_at, completed_at FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?`,
  )
  const snippet = `snippet(messages_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16)`
  const search = db.prepare<[string, number]>(
    `SELECT t.id, coalesce(nullif(c.title, ''), 'Conversation ' || c.id) AS title, ${snippet} AS snippet,
       t.created_at, t.conversation_id
     FROM messages_fts CROSS JOIN messages t CROSS JOIN conversations c
     WHERE t.id = messages_fts.rowid AND messages_fts MATCH ? AND c.id = t.conversation_id AND c.status <> 'deleted'
     ORDER BY messages_fts.rowid DESC LIMIT ?`,
  )
  const upsert = db.prepare(UPSERT_TOKEN_USAGE_SQL)
  const upsertOne = db.transaction((usage: TokenUsage) => {
    const bucket = hourBucket(Date.now())
    upsert.get({ bucket, model: usage.model, prompt: usage.promptTokens, completion: usage.completionTokens })
  })
  return {
    insertMessage: (message) => insertOne.immediate(message),
    lastPage: (conversationId, limit) => lastPage.all(conversationId, limit).length,
    searchNewest: (plan, limit) => {
      const whole = search.all(plan.whole, limit).length
      return whole < limit && plan.prefixed !== null ? search.all(plan.prefixed, limit).length : whole
    },
    searchMatch: (match, limit) => search.all(match, limit).length,
    upsertTokenUsage: (usage) => upsertOne.immediate(usage),
  }
}

/** The FTS5 queries Cairn makes of what a person typed (see planFtsQuery). */
export function cairnPlan(text: string): FtsQueryPlan {
  const plan = planFtsQuery(text)
  if (plan === null) throw new Error(`no searchable word in ${JSON.stringify(text)}`)
  return plan
}
