import type Database from 'better-sqlite3'
import type { Random } from '../rng'
import { createRandom, randomBetween, randomIndex } from '../rng'
import { messageText, titleText } from '../text'
import { DAY_MS, HOUR_MS } from '../../src/shared/time'

const BATCH = 20_000

export interface ScaleCounts {
  activities: number
  documents: number
  todos: number
  tips: number
  /** Days of hourly monitoring buckets. */
  monitoringDays: number
}

export interface SeededMore {
  folderIds: number[]
  documentIds: number[]
  activityIds: number[]
  todoIds: number[]
  tipIds: number[]
}

/** Inserts `count` rows with the table's full-text triggers set aside, then rebuilds its index in one pass. */
function bulk(
  db: Database.Database,
  table: string,
  count: number,
  insertRow: (index: number) => number,
): number[] {
  const triggers = db
    .prepare<[string], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name",
    )
    .all(table)
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`)
  const ids: number[] = []
  for (let first = 0; first < count; first += BATCH) {
    db.transaction(() => {
      for (let index = first; index < Math.min(count, first + BATCH); index += 1) ids.push(insertRow(index))
    })()
  }
  const fts = `${table}_fts`
  const hasFts = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').pluck().get(fts) !== undefined
  if (hasFts) db.exec(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`)
  db.transaction(() => {
    for (const trigger of triggers) db.exec(trigger.sql)
  })()
  return ids
}

const words = (random: Random, min: number, max: number): string =>
  messageText(random, { minWords: min, maxWords: max, rare: false })

/**
 * Everything beside the messages that years of use leave behind: activities, a vault of documents in folders,
 * todos, tips, and hourly monitoring buckets, written into the core's own schema.
 */
export function seedMore(db: Database.Database, counts: ScaleCounts, now: number): SeededMore {
  const random = createRandom(20_251_122)
  const span = 730 * DAY_MS
  const start = now - span

  const activityInsert = db.prepare(
    'INSERT INTO activities (title, content, start_at, end_at, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const activityIds = bulk(db, 'activities', counts.activities, (index) => {
    const at = Math.floor(start + (index * span) / counts.activities)
    return Number(
      activityInsert.run(titleText(random), words(random, 20, 80), at, at + 15 * 60_000, at + 15 * 60_000)
        .lastInsertRowid,
    )
  })

  const folderCount = Math.max(1, Math.round(counts.documents / 100))
  const vaultInsert = db.prepare(
    'INSERT INTO vaults (title, content, tags, parent_id, is_folder, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const folderIds: number[] = []
  const documentIds = bulk(db, 'vaults', counts.documents, (index) => {
    const at = Math.floor(start + (index * span) / counts.documents)
    if (index < folderCount) {
      const id = Number(vaultInsert.run(titleText(random), '', '[]', null, 1, index, at, at).lastInsertRowid)
      folderIds.push(id)
      return id
    }
    const parent = folderIds[randomIndex(random, folderIds.length)] ?? null
    return Number(
      vaultInsert.run(titleText(random), words(random, 80, 400), '["notes"]', parent, 0, index, at, at)
        .lastInsertRowid,
    )
  }).slice(folderCount)

  const todoInsert = db.prepare(
    'INSERT INTO todos (content, status, urgency, due_at, source_activity_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const todoIds = bulk(db, 'todos', counts.todos, (index) => {
    const at = Math.floor(start + (index * span) / counts.todos)
    return Number(
      todoInsert.run(
        words(random, 4, 16),
        random() < 0.7 ? 'done' : 'open',
        randomBetween(random, 0, 3),
        at + 3 * DAY_MS,
        activityIds[randomIndex(random, activityIds.length)] ?? null,
        at,
        at,
      ).lastInsertRowid,
    )
  })

  const tipInsert = db.prepare('INSERT INTO tips (content, created_at, dismissed_at) VALUES (?, ?, ?)')
  const tipIds = bulk(db, 'tips', counts.tips, (index) => {
    const at = Math.floor(start + (index * span) / counts.tips)
    return Number(
      tipInsert.run(words(random, 10, 30), at, random() < 0.8 ? at + DAY_MS : null).lastInsertRowid,
    )
  })

  const firstHour = Math.floor((now - counts.monitoringDays * DAY_MS) / HOUR_MS) * HOUR_MS
  const tokens = db.prepare(
    'INSERT INTO monitoring_token_usage (time_bucket, model, prompt_tokens, completion_tokens, total_tokens, request_count) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const stages = db.prepare(
    'INSERT INTO monitoring_stage_timing (time_bucket, stage_name, count, total_duration_ms, min_duration_ms, max_duration_ms, success_count, error_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const stats = db.prepare(
    'INSERT INTO monitoring_data_stats (time_bucket, data_type, context_type, count) VALUES (?, ?, ?, ?)',
  )
  db.transaction(() => {
    for (let bucket = firstHour; bucket <= now; bucket += HOUR_MS) {
      for (const model of ['gpt-4.1-mini', 'gpt-4.1', 'claude-sonnet-4', 'qwen3-32b', 'llama-3.3-70b']) {
        const prompt = randomBetween(random, 100, 50_000)
        const completion = randomBetween(random, 10, 5_000)
        tokens.run(bucket, model, prompt, completion, prompt + completion, randomBetween(random, 1, 40))
      }
      for (const stage of ['capture', 'ocr', 'summarize', 'embed', 'chat']) {
        const count = randomBetween(random, 1, 60)
        stages.run(bucket, stage, count, count * 120, 10, 900, count - 1, 1)
      }
      for (const type of ['screenshot', 'activity', 'todo'])
        stats.run(bucket, type, '', randomBetween(random, 1, 120))
    }
  })()
  // Keep the year of buckets: the start-up prune would otherwise cut them to the default seven days.
  db.prepare(
    "INSERT INTO settings (key, value, updated_at) VALUES ('monitoring.retentionDays', '365', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(now)
  db.pragma('wal_checkpoint(TRUNCATE)')
  return { folderIds, documentIds, activityIds, todoIds, tipIds }
}
