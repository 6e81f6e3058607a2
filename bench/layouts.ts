/**
 * npx tsx bench/layouts.ts [--messages N] [--sessions]: how the messages table is laid out on disk, measured.
 * One seeded history (schema 7, the rowid table with its (conversation_id, id) index) is copied three ways:
 *   rowid     as migration 1 made it: the index walk, then one table lookup per row;
 *   covering  the same plus an index holding every column, so the page comes from the index alone;
 *   clustered a WITHOUT ROWID table keyed by (conversation_id, id), so a conversation's rows sit together.
 * Then the last 200 messages of a conversation, a message by id, a search join and one insert per transaction
 * run on each, interleaved in rounds with the same inputs. Bare better-sqlite3, Cairn's pragmas, no core.
 * --sessions seeds as bench:budgets does (1–5 exchanges in a row); without it, as npm run bench does (each
 * message to a random conversation: the worst case for the rowid layout).
 */
import type Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { migrate } from '../src/core/db/open'
import { MIGRATIONS } from '../src/core/db/migrations'
import { openBare } from './bare'
import { machineLines } from './machine'
import { createRandom, randomIndex } from './rng'
import { seed } from './seed'
import { latency } from './stats'
import type { Latency } from './stats'
import { messageText } from './text'

const COLUMNS =
  'id, conversation_id, parent_message_id, role, content, status, token_count, latency_ms, error_message, metadata, created_at, updated_at, completed_at'
const LAYOUTS = ['rowid', 'covering', 'clustered'] as const
type Layout = (typeof LAYOUTS)[number]
const ROUNDS = 10
const READS = 2_000
const INSERTS = 1_000

function argValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag)
  return index === -1 ? undefined : process.argv[index + 1]
}

/** Turns a schema-7 file into the layout under test. */
function applyLayout(db: Database.Database, layout: Layout): void {
  if (layout === 'covering') {
    db.exec(`CREATE INDEX messages_page ON messages(conversation_id, id, parent_message_id, role, content, status,
      token_count, latency_ms, error_message, metadata, created_at, updated_at, completed_at)`)
  } else if (layout === 'clustered') {
    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 8),
    )
  }
  db.exec('ANALYZE')
  db.pragma('wal_checkpoint(TRUNCATE)')
}

interface Statements {
  lastPage: Database.Statement<[number, number]>
  byId: Database.Statement<[number]>
  search: Database.Statement<[string, number]>
  insert: (conversationId: number, content: string) => void
}

function statements(db: Database.Database, layout: Layout): Statements {
  // A WITHOUT ROWID table assigns no id: the next is taken from the id index, as SQLite picks a rowid.
  const id = layout === 'clustered' ? '(SELECT coalesce(max(id), 0) + 1 FROM messages), ' : ''
  const insert = db.prepare<[{ conversationId: number; content: string; now: number }]>(
    `INSERT INTO messages (${id ? 'id, ' : ''}conversation_id, parent_message_id, role, content, status, token_count, metadata, created_at, updated_at, completed_at)
     VALUES (${id}@conversationId, NULL, 'user', @content, 'completed', 0, '{}', @now, @now, @now)`,
  )
  const touch = db.prepare('UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?')
  const write = db.transaction((conversationId: number, content: string) => {
    const now = Date.now()
    insert.run({ conversationId, content, now })
    touch.run(now, conversationId)
  })
  return {
    lastPage: db.prepare(
      `SELECT ${COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?`,
    ),
    byId: db.prepare(`SELECT ${COLUMNS} FROM messages WHERE id = ?`),
    search: db.prepare(
      `SELECT t.id, t.conversation_id, snippet(messages_fts, -1, '[', ']', '…', 16) AS snippet
       FROM messages_fts CROSS JOIN messages t WHERE t.id = messages_fts.rowid AND messages_fts MATCH ?
       ORDER BY messages_fts.rowid DESC LIMIT ?`,
    ),
    insert: (conversationId, content) => write.immediate(conversationId, content),
  }
}

function time(run: () => void, into: number[]): void {
  const start = performance.now()
  run()
  into.push(performance.now() - start)
}

const fmt = (value: number): string => value.toFixed(3).padStart(8)

async function main(): Promise<void> {
  const messages = Number(argValue('--messages') ?? 1_000_000)
  const sessions = process.argv.includes('--sessions')
  const conversations = Math.max(1, Math.round(messages / 500))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-layouts-'))
  try {
    const base = path.join(dir, 'rowid.db')
    const seeding = openBare(base)
    for (const line of machineLines(seeding)) console.log(line)
    console.log(
      `command   npx tsx bench/layouts.ts ${process.argv.slice(2).join(' ')}\nseeding ${messages} messages`,
    )
    migrate(
      seeding,
      MIGRATIONS.filter((migration) => migration.version <= 7),
    )
    const { conversationIds } = await seed(seeding, {
      messages,
      conversations,
      now: Date.now(),
      log: () => {},
      sessionExchanges: sessions ? 5 : undefined,
    })
    seeding.close()
    const dbs = {} as Record<Layout, { db: Database.Database; s: Statements; bytes: number; built: number }>
    for (const layout of LAYOUTS) {
      const file = path.join(dir, `${layout}.db`)
      if (layout !== 'rowid') fs.copyFileSync(base, file)
      const db = openBare(file)
      db.pragma('cache_size = -131072')
      const began = performance.now()
      applyLayout(db, layout)
      const built = performance.now() - began
      // Pages in use: the copy leaves the old table's pages free in the file until a VACUUM.
      const used =
        Number(db.pragma('page_count', { simple: true })) -
        Number(db.pragma('freelist_count', { simple: true }))
      const bytes = used * Number(db.pragma('page_size', { simple: true }))
      dbs[layout] = { db, s: statements(db, layout), bytes, built }
    }
    const random = createRandom(7)
    const pages = Array.from(
      { length: READS },
      () => conversationIds[randomIndex(random, conversationIds.length)] ?? 1,
    )
    const ids = Array.from({ length: READS }, () => 1 + randomIndex(random, messages))
    const texts = Array.from({ length: INSERTS }, () => messageText(random))
    const samples = Object.fromEntries(
      LAYOUTS.map((layout) => [layout, { page: [], byId: [], search: [], insert: [] }]),
    ) as unknown as Record<Layout, Record<'page' | 'byId' | 'search' | 'insert', number[]>>
    for (const layout of LAYOUTS) {
      const { s } = dbs[layout]
      for (let index = 0; index < 100; index += 1) s.lastPage.all(pages[index] ?? 1, 201)
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (let turn = 0; turn < LAYOUTS.length; turn += 1) {
        const layout = LAYOUTS[(round + turn) % LAYOUTS.length] ?? 'rowid'
        const { s } = dbs[layout]
        const into = samples[layout]
        const readBlock = READS / ROUNDS
        for (let index = round * readBlock; index < (round + 1) * readBlock; index += 1) {
          time(() => s.lastPage.all(pages[index] ?? 1, 201), into.page)
          time(() => s.byId.get(ids[index] ?? 1), into.byId)
          if (index % 10 === 0) time(() => s.search.all('project', 20), into.search)
        }
        const writeBlock = INSERTS / ROUNDS
        for (let index = round * writeBlock; index < (round + 1) * writeBlock; index += 1) {
          time(() => s.insert(pages[index] ?? 1, texts[index] ?? ''), into.insert)
        }
      }
    }
    console.log(
      `\n${messages} messages in ${conversations} conversations, ${sessions ? 'written in chat sessions' : 'each to a random conversation'}; ms per call, ${ROUNDS} interleaved rounds`,
    )
    console.log(
      'layout     | last 200 p50 |      p99 | by id p50 | search p50 | insert p50 |      p99 | used MB | made in s',
    )
    const row = (layout: Layout, l: Record<string, Latency>): string =>
      `${layout.padEnd(10)} | ${fmt(l.page?.p50 ?? NaN)}     | ${fmt(l.page?.p99 ?? NaN)} | ${fmt(l.byId?.p50 ?? NaN)}  | ${fmt(l.search?.p50 ?? NaN)}   | ${fmt(l.insert?.p50 ?? NaN)}   | ${fmt(l.insert?.p99 ?? NaN)} | ${(dbs[layout].bytes / 1e6).toFixed(0).padStart(7)} | ${(dbs[layout].built / 1000).toFixed(1).padStart(9)}`
    for (const layout of LAYOUTS) {
      const l = Object.fromEntries(Object.entries(samples[layout]).map(([k, v]) => [k, latency(v)]))
      console.log(row(layout, l))
    }
    for (const layout of LAYOUTS) dbs[layout].db.close()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
