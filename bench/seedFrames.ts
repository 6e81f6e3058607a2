import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { SCREEN_ROW } from '../src/core/db/migrations/0007_recall'
import type { Frame } from './frames'

const BATCH = 20_000
const FRAME_TABLES = "('captures', 'capture_text')"

/** Word boxes as OCR returns them: [word, left, top, right, bottom], twelve words to a line. */
function wordBoxes(text: string): string {
  const boxes: [string, number, number, number, number][] = []
  let left = 40
  let top = 60
  for (const word of text.split(/\s+/)) {
    if (word === '') continue
    const width = 9 * [...word].length
    boxes.push([word, left, top, left + width, top + 16])
    left += width + 8
    if (boxes.length % 12 === 0) [left, top] = [40, top + 24]
  }
  return JSON.stringify(boxes)
}

function statements(db: Database.Database) {
  return {
    capture: db.prepare<[Frame]>(
      `INSERT INTO captures (id, captured_at, display_id, path, format, bytes, phash, app_name, window_title)
       VALUES (@id, @capturedAt, 'display-1', 'captures/' || @id || '.webp', 'webp', 56000, printf('%016x', @id), @appName, @windowTitle)`,
    ),
    text: db.prepare<[Frame & { words: string }]>(
      `INSERT INTO capture_text (capture_id, recognized_at, languages, text, extra, words, confidence)
       VALUES (@id, @capturedAt + 2000, 'eng+chi_sim', @text, @extra, @words, 90)`,
    ),
  }
}

/** What the app does: a frame's row goes in, OCR's row later, and the triggers index each as it comes. */
export function seedRowByRow(db: Database.Database, frame: (id: number) => Frame, count: number): void {
  const insert = statements(db)
  for (let id = 1; id <= count; id += 1) {
    const row = frame(id)
    insert.capture.run(row)
    insert.text.run({ ...row, words: wordBoxes(row.text) })
  }
}

/**
 * The same end state as seedRowByRow, fast: the triggers on the frame tables are set aside while the rows go
 * in through prepared statements in big transactions, screens_fts is filled from the migration's own SELECT
 * (SCREEN_ROW, what the triggers insert) in one pass, and the triggers are put back exactly as the migration
 * wrote them. Returns the seconds it took.
 */
export async function seedFast(
  db: Database.Database,
  frame: (id: number) => Frame,
  count: number,
  log: (line: string) => void,
): Promise<number> {
  const started = performance.now()
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`
  const triggers = db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ${FRAME_TABLES} ORDER BY name`,
    )
    .all()
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`)
  const insert = statements(db)
  for (let first = 1; first <= count; first += BATCH) {
    const last = Math.min(count, first + BATCH - 1)
    db.transaction(() => {
      for (let id = first; id <= last; id += 1) {
        const row = frame(id)
        insert.capture.run(row)
        insert.text.run({ ...row, words: wordBoxes(row.text) })
      }
    })()
    if (last % 100_000 === 0 || last === count) log(`  rows ${last.toLocaleString('en-US')} (${elapsed()})`)
    // Between batches, let Ctrl-C (and its clean-up) through.
    await new Promise((resolve) => setImmediate(resolve))
  }
  const fill = db.prepare<[number, number]>(
    `INSERT INTO screens_fts(rowid, title, app, text, description) ${SCREEN_ROW} WHERE c.id BETWEEN ? AND ?`,
  )
  for (let first = 1; first <= count; first += 5 * BATCH) {
    const last = Math.min(count, first + 5 * BATCH - 1)
    db.transaction(() => fill.run(first, last))()
    log(`  screens_fts ${last.toLocaleString('en-US')} (${elapsed()})`)
    await new Promise((resolve) => setImmediate(resolve))
  }
  db.transaction(() => {
    for (const trigger of triggers) db.exec(trigger.sql)
  })()
  const restored = db
    .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ${FRAME_TABLES}`)
    .pluck()
    .get()
  if (restored !== triggers.length)
    throw new Error(`expected ${triggers.length} frame triggers after seeding, found ${String(restored)}`)
  db.pragma('wal_checkpoint(TRUNCATE)')
  return (performance.now() - started) / 1000
}

/** Merges screens_fts into one segment (FTS5 'optimize'); returns the seconds it took. */
export function optimizeScreens(db: Database.Database): number {
  const started = performance.now()
  db.exec("INSERT INTO screens_fts(screens_fts) VALUES ('optimize')")
  db.pragma('wal_checkpoint(TRUNCATE)')
  return (performance.now() - started) / 1000
}

/** Runs screens_fts's own consistency check; throws when it fails. */
export function checkIntegrity(db: Database.Database): void {
  db.exec("INSERT INTO screens_fts(screens_fts, rank) VALUES ('integrity-check', 0)")
}

/**
 * A digest of everything search reads from the frame tables: their rows, every token screens_fts holds (term,
 * frame, column, position), each frame's token counts and the totals bm25 divides by. Two databases with the
 * same digest answer every search the same, in the same order, with the same scores.
 */
export function frameIndexDigest(db: Database.Database): { digest: string; instances: number } {
  const hash = createHash('sha256')
  let instances = 0
  db.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.screens_instances USING fts5vocab(main, screens_fts, 'instance')",
  )
  const parts: [string, string][] = [
    ['captures', 'SELECT * FROM captures ORDER BY id'],
    ['capture_text', 'SELECT * FROM capture_text ORDER BY capture_id'],
    ['tokens', 'SELECT term, doc, col, offset FROM temp.screens_instances ORDER BY term, doc, col, offset'],
    ['sizes', 'SELECT id, sz FROM screens_fts_docsize ORDER BY id'],
    ['totals', 'SELECT block FROM screens_fts_data WHERE id = 1'],
  ]
  for (const [name, sql] of parts) {
    hash.update(`\n${name}\n`)
    for (const row of db.prepare(sql).raw().iterate() as IterableIterator<unknown[]>) {
      if (name === 'tokens') instances += 1
      hash.update(JSON.stringify(row.map((cell) => (Buffer.isBuffer(cell) ? cell.toString('hex') : cell))))
    }
  }
  return { digest: hash.digest('hex'), instances }
}

export interface Sizes {
  frames: number
  text: number
  index: number
  total: number
}

/** Bytes of the pages in use (free pages left out) by the frame rows, OCR's rows and screens_fts, from dbstat. */
export function frameSizes(db: Database.Database): Sizes {
  const rows = db
    .prepare<[], { name: string; bytes: number }>(
      'SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name',
    )
    .all()
  const sum = (test: (name: string) => boolean) =>
    rows.filter((row) => test(row.name)).reduce((total, row) => total + row.bytes, 0)
  const pageSize = Number(db.pragma('page_size', { simple: true }))
  const used =
    Number(db.pragma('page_count', { simple: true })) - Number(db.pragma('freelist_count', { simple: true }))
  return {
    frames: sum(
      (name) => name === 'captures' || name.startsWith('captures_') || name === 'sqlite_autoindex_captures_1',
    ),
    text: sum((name) => name === 'capture_text'),
    index: sum((name) => name.startsWith('screens_fts')),
    total: used * pageSize,
  }
}
