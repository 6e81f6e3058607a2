import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataTables, quoteIdent } from '../../src/core/backup/verify'
import { DATABASE_FILE, migrate } from '../../src/core/db/open'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/core/db/migrations'
import { openTestCore } from '../support/core'
import { FakeClock } from '../support/fakeClock'
import { tempDir } from '../support/tempDir'

const HOUR = 3_600_000
const T = Date.UTC(2024, 5, 1, 9)

/**
 * Rows for every table of every released schema, written with plain SQL as that version would have stored them
 * (unicode, JSON, NULLs, references). A migration that adds a table must add rows here: the test says so.
 */
const ROWS: Record<string, string[]> = {
  vaults: [
    `INSERT INTO vaults (id, title, is_folder, sort_order, created_at, updated_at) VALUES (1, 'Projects', 1, 0, ${T}, ${T})`,
    `INSERT INTO vaults (id, title, content, tags, parent_id, created_at, updated_at) VALUES (2, 'Plan', 'walrus plan ünïcødé 🎉', '["work","plan"]', 1, ${T}, ${T + 1})`,
    `INSERT INTO vaults (id, title, content, is_deleted, deleted_at, created_at, updated_at) VALUES (3, 'Old', 'trashed walrus', 1, ${T + 2}, ${T}, ${T + 2})`,
  ],
  activities: [
    `INSERT INTO activities (id, title, content, metadata, start_at, end_at, created_at) VALUES (1, 'Walrus review', 'read the plan', '{"app":"editor"}', ${T - HOUR}, ${T}, ${T})`,
  ],
  todos: [
    `INSERT INTO todos (id, content, urgency, due_at, source_activity_id, created_at, updated_at) VALUES (1, 'email the walrus team', 2, ${T + 24 * HOUR}, 1, ${T}, ${T})`,
    `INSERT INTO todos (id, content, status, created_at, updated_at) VALUES (2, 'done walrus thing', 'done', ${T}, ${T})`,
  ],
  tips: [`INSERT INTO tips (id, content, created_at) VALUES (1, 'batch your walrus emails', ${T})`],
  conversations: [
    `INSERT INTO conversations (id, title, created_at, updated_at) VALUES (1, 'Walrus chat', ${T}, ${T})`,
  ],
  messages: [
    `INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at, completed_at) VALUES (1, 1, 'user', 'where is the walrus?', 'completed', ${T}, ${T}, ${T})`,
    `INSERT INTO messages (id, conversation_id, parent_message_id, role, content, status, token_count, latency_ms, created_at, updated_at, completed_at) VALUES (2, 1, 1, 'assistant', 'on the ice', 'completed', 4, 120, ${T}, ${T}, ${T})`,
  ],
  message_thinking: [
    `INSERT INTO message_thinking (id, message_id, stage, progress, sequence, created_at) VALUES (1, 2, 'retrieval', 0.5, 0, ${T})`,
  ],
  monitoring_token_usage: [
    `INSERT INTO monitoring_token_usage (time_bucket, model, prompt_tokens, completion_tokens, total_tokens, request_count) VALUES (${T}, 'gpt', 10, 5, 15, 1)`,
  ],
  monitoring_stage_timing: [
    `INSERT INTO monitoring_stage_timing (time_bucket, stage_name, count, total_duration_ms, min_duration_ms, max_duration_ms, success_count) VALUES (${T}, 'chat', 1, 120, 120, 120, 1)`,
  ],
  monitoring_data_stats: [
    `INSERT INTO monitoring_data_stats (time_bucket, data_type, count) VALUES (${T}, 'screenshot', 3)`,
  ],
  settings: [`INSERT INTO settings (key, value, updated_at) VALUES ('ui.theme', '"dark"', ${T})`],
  job_runs: [
    `INSERT INTO job_runs (job_name, started_at, finished_at, ok, result) VALUES ('monitoring.prune', ${T}, ${T}, 1, '{}')`,
  ],
  captures: [
    `INSERT INTO captures (id, captured_at, display_id, path, format, bytes, phash, app_name, window_title) VALUES (1, ${T}, 'display:1', 'captures/2024-06-01/${T}-display_1.jpg', 'jpeg', 1234, '0123456789abcdef', 'Code', 'plan.md — walrus')`,
  ],
  capture_ticks: [
    `INSERT INTO capture_ticks (at, display_id, outcome, capture_id) VALUES (${T}, 'display:1', 'captured', 1)`,
    `INSERT INTO capture_ticks (at, outcome, reason) VALUES (${T + 15_000}, 'excluded', 'excluded by app "1password"')`,
  ],
  work_items: [
    `INSERT INTO work_items (kind, dedupe_key, payload, run_after, created_at, updated_at) VALUES ('report.daily', '2024-06-01', '{"day":"2024-06-01"}', ${T}, ${T}, ${T})`,
  ],
  capture_contexts: [
    `INSERT INTO capture_contexts (capture_id, described_at, model, app, summary, details) VALUES (1, ${T}, 'vision-model', 'Code', 'editing the walrus plan', '{"todos":["send the plan"]}')`,
  ],
  capture_text: [
    `INSERT INTO capture_text (capture_id, recognized_at, languages, text, words, confidence) VALUES (1, ${T}, 'eng', 'walrus plan on screen', '[["walrus",1,2,30,12]]', 0.9)`,
  ],
}

type TableRows = Record<string, unknown[][]>

/** Every row of the given tables, restricted to the columns they had in the fixture. */
function snapshot(db: Database.Database, columns: Record<string, string[]>): TableRows {
  const rows: TableRows = {}
  for (const [table, names] of Object.entries(columns)) {
    rows[table] = db
      .prepare(`SELECT ${names.map(quoteIdent).join(', ')} FROM ${quoteIdent(table)} ORDER BY 1`)
      .raw()
      .all() as unknown[][]
  }
  return rows
}

const EARLIER_VERSIONS = MIGRATIONS.slice(0, -1).map((migration) => migration.version)

describe('migrations from every earlier schema version', () => {
  it('has an earlier version to start from', () => {
    expect(EARLIER_VERSIONS.length).toBe(LATEST_SCHEMA_VERSION - 1)
  })

  it.each(EARLIER_VERSIONS)(
    'brings a database of schema %i to the current one with every row kept',
    (version) => {
      const dir = tempDir()
      const file = path.join(dir, DATABASE_FILE)
      const fixture = new Database(file)
      fixture.pragma('journal_mode = WAL')
      fixture.pragma('foreign_keys = ON')
      migrate(fixture, MIGRATIONS.slice(0, version))
      expect(fixture.pragma('user_version', { simple: true })).toBe(version)
      const tables = dataTables(fixture)
      for (const table of tables) {
        if (!ROWS[table])
          throw new Error(`Add fixture rows for table ${table} (schema ${version}) to this test.`)
      }
      // ROWS is in reference order (a row's parent first).
      for (const [table, inserts] of Object.entries(ROWS)) {
        if (tables.includes(table)) for (const sql of inserts) fixture.exec(sql)
      }
      const columns = Object.fromEntries(
        tables.map((table) => [
          table,
          (fixture.pragma(`table_info(${quoteIdent(table)})`) as { name: string }[]).map(
            (column) => column.name,
          ),
        ]),
      )
      const before = snapshot(fixture, columns)
      fixture.close()

      // The app opens it the way it opens any data folder.
      // An hour after the fixture's rows, so the start-up prune keeps the monitoring buckets.
      const t = openTestCore({ dataDir: dir, clock: new FakeClock(T + HOUR) })
      expect(t.core.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
      const after = new Database(file, { readonly: true })
      try {
        expect(after.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(after.pragma('foreign_key_check')).toEqual([])
        const now = snapshot(after, columns)
        // job_runs gains the start-up prune's run; a folder that captured before consent was asked keeps
        // capturing (settings gain capture.enabled, its consent time and ui.firstRunDone); every earlier row
        // is still there unchanged.
        for (const table of tables) {
          if (table === 'job_runs') expect(now[table]?.slice(0, before[table]?.length)).toEqual(before[table])
          else if (table === 'settings') {
            const carried = ['capture.consentedAt', 'capture.enabled', 'ui.firstRunDone']
            const hadTicks = tables.includes('capture_ticks') && (before.capture_ticks?.length ?? 0) > 0
            const rows = now[table] ?? []
            expect(
              rows.filter((row) => !carried.includes(String(row[0]))),
              table,
            ).toEqual(before[table])
            expect(
              rows.filter((row) => carried.includes(String(row[0]))).map((row) => [row[0], row[1]]),
              'consent carried over',
            ).toEqual(
              hadTicks
                ? [
                    ['capture.consentedAt', expect.any(String)],
                    ['capture.enabled', 'true'],
                    ['ui.firstRunDone', 'true'],
                  ]
                : [],
            )
          } else expect(now[table], table).toEqual(before[table])
        }
      } finally {
        after.close()
      }
      // And the data is usable through the contract: read, searched, changed.
      expect(t.call('vaults.get', { id: 2 })).toMatchObject({
        title: 'Plan',
        tags: ['work', 'plan'],
        parentId: 1,
      })
      const written = ['vault', 'todo', 'activity', 'tip', 'message'] as const
      const kinds = t
        .call('search.query', { query: 'walrus', kinds: [...written] })
        .hits.map((hit) => hit.kind)
      expect(new Set(kinds)).toEqual(new Set(written))
      expect(t.call('messages.list', { conversationId: 1 }).items.map((message) => message.content)).toEqual([
        'where is the walrus?',
        'on the ice',
      ])
      expect(t.call('todos.setStatus', { id: 1, status: 'done' })).toMatchObject({ status: 'done' })
      expect(t.call('settings.get', { key: 'ui.theme' })).toMatchObject({ value: 'dark', isDefault: false })
    },
  )
})
