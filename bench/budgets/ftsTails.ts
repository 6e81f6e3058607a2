/**
 * npx tsx bench/budgets/ftsTails.ts [rebuild|grown] [documents] — where the write tails at scale come from.
 * Builds a vault of N documents in the core's schema in bare SQLite, its FTS5 index either built in one pass
 * ('rebuild', as the budgets bench seeds it) or grown row by row through the triggers ('grown', as the app
 * does; 10 minutes for 50,000 on 2 vCPUs), then times W single-row inserts (no checkpoint on the commit:
 * wal_autocheckpoint stays as the core's open sets it). Knobs through the environment: W (inserts, default
 * 300), AM (FTS5 automerge), CM (crisismerge), CACHE (cache_size), STAT1=small (record the shadow tables as
 * 2 rows in sqlite_stat1, as ANALYZE on an empty database did before src/core/db/statistics.ts: one insert in
 * about fifteen then takes 400-480 ms, because every segment FTS5 merges away is deleted by a full scan).
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createCore } from '../../src/core/runtime/createCore'
import { DATABASE_FILE } from '../../src/core/db/open'
import { createRandom } from '../rng'
import { messageText, titleText } from '../text'

const mode = process.argv[2] === 'grown' ? 'grown' : 'rebuild'
const documents = Number(process.argv[3] ?? 50_000)
const inserts = Number(process.env.W ?? 300)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-fts-tails-'))
try {
  createCore({ dataDir: dir, validateOutput: false }).close()
  const db = new Database(path.join(dir, DATABASE_FILE))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('cache_size = -32000')
  const random = createRandom(1)
  const insert = db.prepare(
    "INSERT INTO vaults (title, content, tags, parent_id, is_folder, sort_order, created_at, updated_at) VALUES (?, ?, '[]', NULL, 0, 0, 1, 1)",
  )
  const triggers = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'vaults'",
    )
    .all()
  let started = performance.now()
  if (mode === 'rebuild') for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`)
  for (let first = 0; first < documents; first += 500) {
    db.transaction(() => {
      for (let index = first; index < Math.min(documents, first + 500); index += 1) {
        insert.run(titleText(random), messageText(random, { minWords: 80, maxWords: 400, rare: false }))
      }
    })()
  }
  if (mode === 'rebuild') {
    db.exec("INSERT INTO vaults_fts(vaults_fts) VALUES ('rebuild')")
    for (const trigger of triggers) db.exec(trigger.sql)
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  // Integers in the SQL: FTS5 refuses a configuration value bound as a REAL (as better-sqlite3 binds numbers).
  if (process.env.CM)
    db.exec(`INSERT INTO vaults_fts(vaults_fts, rank) VALUES ('crisismerge', ${Number(process.env.CM)})`)
  if (process.env.AM)
    db.exec(`INSERT INTO vaults_fts(vaults_fts, rank) VALUES ('automerge', ${Number(process.env.AM)})`)
  if (process.env.CACHE) db.pragma(`cache_size = ${Number(process.env.CACHE)}`)
  if (process.env.STAT1 === 'small') {
    db.exec("UPDATE sqlite_stat1 SET stat = '2' WHERE tbl = 'vaults_fts_data'")
    db.exec('ANALYZE sqlite_schema')
  }
  const indexBytes = db.prepare('SELECT sum(length(block)) FROM vaults_fts_data').pluck().get() as number
  console.log(
    `${mode}: ${documents} documents in ${((performance.now() - started) / 1000).toFixed(1)} s, FTS data ${(indexBytes / 1e6).toFixed(1)} MB`,
  )
  const times: number[] = []
  const slow: string[] = []
  for (let index = 0; index < inserts; index += 1) {
    started = performance.now()
    db.transaction(() => insert.run(`note ${index}`, 'a new note '.repeat(40)))()
    const took = performance.now() - started
    times.push(took)
    if (took > 10) slow.push(`#${index} ${took.toFixed(0)} ms`)
  }
  times.sort((a, b) => a - b)
  const at = (share: number): string => (times[Math.floor((times.length - 1) * share)] ?? 0).toFixed(2)
  console.log(
    `${inserts} inserts: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; over 10 ms: ${slow.length}`,
  )
  console.log(`  ${slow.slice(0, 12).join(', ')}`)
  db.close()
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}
