import type Database from 'better-sqlite3'
import { performance } from 'node:perf_hooks'
import type { Random } from './rng'
import { createRandom, randomIndex } from './rng'
import { RARE_COUNT, messageText, titleText } from './text'
import { DAY_MS } from '../src/shared/time'

/** The seeded history spans the last two years, oldest first. */
const HISTORY_MS = 730 * DAY_MS
const BATCH = 50_000

export interface SeedOptions {
  messages: number
  conversations: number
  now: number
  log: (line: string) => void
  /**
   * Write the messages in chat sessions: a conversation gets 1 to this many question-and-answer exchanges in
   * a row, as a person chatting leaves them. Without it every message goes to a random conversation, the
   * worst case for reading a conversation back (each of its messages on a page of its own).
   */
  sessionExchanges?: number
}

export interface SeedResult {
  conversationIds: number[]
  seconds: number
}

const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`

/** Rows that get the rare term: RARE_COUNT of them, evenly spread from the oldest to the newest message. */
function rareRows(total: number): Set<number> {
  const rows = new Set<number>()
  const step = total / RARE_COUNT
  for (let index = 0; index < RARE_COUNT; index += 1) rows.add(Math.floor(index * step + step / 2))
  return rows
}

function insertConversations(db: Database.Database, random: Random, count: number, start: number): number[] {
  const insert = db.prepare('INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)')
  return db.transaction(() => {
    const ids: number[] = []
    for (let index = 0; index < count; index += 1) {
      ids.push(Number(insert.run(titleText(random), start, start).lastInsertRowid))
    }
    return ids
  })()
}

/**
 * Fills the core's own database file as fast as SQLite allows: the messages go in with plain prepared INSERTs
 * in big transactions while the full-text triggers are set aside, then the FTS5 index is rebuilt in one pass and
 * the triggers are put back exactly as the migration wrote them. The result is the schema Cairn made, holding
 * what years of use would leave in it.
 */
export async function seed(db: Database.Database, options: SeedOptions): Promise<SeedResult> {
  const began = performance.now()
  const random = createRandom(20_240_601)
  const start = options.now - HISTORY_MS
  const conversationIds = insertConversations(db, random, options.conversations, start)
  options.log(`  ${conversationIds.length.toLocaleString('en-US')} conversations`)

  const triggers = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'messages' ORDER BY name",
    )
    .all()
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`)

  // Ids are given: since migration 8 the messages table is keyed by conversation and assigns none itself.
  const firstId = Number(db.prepare('SELECT coalesce(max(id), 0) + 1 FROM messages').pluck().get())
  const insert = db.prepare(
    `INSERT INTO messages (id, conversation_id, role, content, status, token_count, metadata, created_at, updated_at, completed_at)
     VALUES (?, ?, ?, ?, 'completed', ?, '{}', ?, ?, ?)`,
  )
  const rare = rareRows(options.messages)
  const step = HISTORY_MS / options.messages
  const pickConversation = (): number => conversationIds[randomIndex(random, conversationIds.length)] ?? 1
  let session = { conversationId: pickConversation(), left: 0, role: 'user' }
  for (let first = 0; first < options.messages; first += BATCH) {
    const last = Math.min(options.messages, first + BATCH)
    db.transaction(() => {
      for (let row = first; row < last; row += 1) {
        const content = messageText(random, { minWords: 6, maxWords: 48, rare: rare.has(row) })
        const at = Math.floor(start + row * step)
        if (options.sessionExchanges === undefined) {
          session = {
            conversationId: pickConversation(),
            left: 0,
            role: random() < 0.5 ? 'user' : 'assistant',
          }
        } else if (session.left === 0) {
          const exchanges = 1 + randomIndex(random, options.sessionExchanges)
          session = { conversationId: pickConversation(), left: exchanges * 2, role: 'user' }
        }
        insert.run(
          firstId + row,
          session.conversationId,
          session.role,
          content,
          Math.ceil(content.length / 4),
          at,
          at,
          at,
        )
        session.left = Math.max(0, session.left - 1)
        session.role = session.role === 'user' ? 'assistant' : 'user'
      }
    })()
    // Between batches, let Ctrl-C (and its clean-up) through.
    await new Promise((resolve) => setImmediate(resolve))
    options.log(
      `  messages ${last.toLocaleString('en-US')} / ${options.messages.toLocaleString('en-US')}  (${seconds(began)})`,
    )
  }

  options.log(`  building the full-text index over every message (one statement) ...`)
  db.exec("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')")
  db.transaction(() => {
    for (const trigger of triggers) db.exec(trigger.sql)
  })()
  const restored = db
    .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'messages'")
    .pluck()
    .get()
  if (restored !== triggers.length)
    throw new Error(`expected ${triggers.length} message triggers after seeding, found ${String(restored)}`)
  db.exec(`UPDATE conversations SET updated_at = coalesce(
    (SELECT created_at FROM messages WHERE conversation_id = conversations.id ORDER BY id DESC LIMIT 1), created_at)`)
  db.pragma('wal_checkpoint(TRUNCATE)')
  options.log(`  full-text index built, triggers restored  (${seconds(began)})`)
  return { conversationIds, seconds: (performance.now() - began) / 1000 }
}
