import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/support/tempDir'
import { migrate } from '../open'
import { initial } from './0001_initial'

function scratch(): Database.Database {
  const db = new Database(path.join(tempDir(), 'scratch.db'))
  db.pragma('foreign_keys = ON')
  migrate(db, [initial])
  return db
}

const columns = (db: Database.Database, table: string): string[] =>
  db
    .prepare<[string], { name: string }>('SELECT name FROM pragma_table_xinfo(?)')
    .all(table)
    .map((row) => row.name)

/** Columns of every unique index of a table, e.g. [["time_bucket", "model"]]. */
function uniqueKeys(db: Database.Database, table: string): string[][] {
  return db
    .prepare<[string], { name: string }>(
      'SELECT name FROM pragma_index_list(?) WHERE "unique" = 1 AND origin = \'u\'',
    )
    .all(table)
    .map((index) =>
      db
        .prepare<[string], { name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno')
        .all(index.name)
        .map((column) => column.name),
    )
}

const EXPECTED_COLUMNS: Record<string, string[]> = {
  vaults: [
    'id',
    'title',
    'summary',
    'content',
    'tags',
    'parent_id',
    'is_folder',
    'is_deleted',
    'document_type',
    'sort_order',
    'created_at',
    'updated_at',
  ],
  todos: [
    'id',
    'content',
    'status',
    'urgency',
    'assignee',
    'reason',
    'due_at',
    'start_at',
    'end_at',
    'source_activity_id',
    'created_at',
    'updated_at',
  ],
  activities: ['id', 'title', 'content', 'resources', 'metadata', 'start_at', 'end_at', 'created_at'],
  tips: ['id', 'content', 'metadata', 'created_at', 'dismissed_at'],
  conversations: ['id', 'title', 'status', 'metadata', 'created_at', 'updated_at'],
  messages: [
    'id',
    'conversation_id',
    'parent_message_id',
    'role',
    'content',
    'status',
    'token_count',
    'latency_ms',
    'error_message',
    'metadata',
    'created_at',
    'updated_at',
    'completed_at',
  ],
  message_thinking: [
    'id',
    'message_id',
    'stage',
    'content',
    'progress',
    'sequence',
    'metadata',
    'created_at',
  ],
  monitoring_token_usage: ['time_bucket', 'model', 'prompt_tokens', 'completion_tokens', 'total_tokens'],
  monitoring_stage_timing: [
    'time_bucket',
    'stage_name',
    'count',
    'total_duration_ms',
    'min_duration_ms',
    'max_duration_ms',
    'success_count',
    'error_count',
  ],
  monitoring_data_stats: ['time_bucket', 'data_type', 'context_type', 'count'],
  settings: ['key', 'value'],
  job_runs: ['id', 'job_name', 'started_at', 'finished_at', 'ok', 'result', 'error'],
}

describe('migration 0001 initial', () => {
  it('sets user_version to 1', () => {
    const db = scratch()
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    db.close()
  })

  it('creates every table as STRICT with the columns the app relies on', () => {
    const db = scratch()
    const tables = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all()
    expect(tables.map((table) => table.name).sort()).toEqual(Object.keys(EXPECTED_COLUMNS).sort())
    for (const table of tables) {
      expect(table.strict, `${table.name} is STRICT`).toBe(1)
      expect(columns(db, table.name)).toEqual(expect.arrayContaining(EXPECTED_COLUMNS[table.name] ?? []))
    }
    db.close()
  })

  it('rejects a value of the wrong type instead of storing it (STRICT)', () => {
    const db = scratch()
    expect(() =>
      db.prepare("INSERT INTO tips (content, created_at) VALUES ('a tip', 'yesterday')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
    db.close()
  })

  it('refuses malformed JSON in JSON columns', () => {
    const db = scratch()
    expect(() =>
      db.prepare("INSERT INTO tips (content, metadata, created_at) VALUES ('x', '{oops', 1)").run(),
    ).toThrow(/CHECK constraint failed/)
    expect(() =>
      db.prepare("INSERT INTO vaults (tags, created_at, updated_at) VALUES ('{}', 1, 1)").run(),
    ).toThrow(/CHECK constraint failed/)
    expect(() =>
      db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', 'not json', 1)").run(),
    ).toThrow(/CHECK constraint failed/)
    db.close()
  })

  it('keys monitoring buckets without NULLs so UPSERTs always meet the same row', () => {
    const db = scratch()
    expect(uniqueKeys(db, 'monitoring_token_usage')).toContainEqual(['time_bucket', 'model'])
    expect(uniqueKeys(db, 'monitoring_stage_timing')).toContainEqual(['time_bucket', 'stage_name'])
    expect(uniqueKeys(db, 'monitoring_data_stats')).toContainEqual([
      'time_bucket',
      'data_type',
      'context_type',
    ])
    const notNull = db
      .prepare<[], { name: string; notnull: number; dflt_value: string | null }>(
        "SELECT name, \"notnull\", dflt_value FROM pragma_table_info('monitoring_data_stats') WHERE name = 'context_type'",
      )
      .get()
    expect(notNull).toEqual({ name: 'context_type', notnull: 1, dflt_value: "''" })

    const upsert = db.prepare(
      `INSERT INTO monitoring_data_stats (time_bucket, data_type, count) VALUES (3600000, 'screenshot', 1)
       ON CONFLICT (time_bucket, data_type, context_type) DO UPDATE SET count = count + 1`,
    )
    upsert.run()
    upsert.run()
    expect(
      db.prepare('SELECT count(*) AS rows, sum(count) AS total FROM monitoring_data_stats').get(),
    ).toEqual({
      rows: 1,
      total: 2,
    })
    // A bucket must be the start of an hour.
    expect(() =>
      db.prepare("INSERT INTO monitoring_token_usage (time_bucket, model) VALUES (3600001, 'm')").run(),
    ).toThrow(/CHECK constraint failed/)
    db.close()
  })

  it('reads "the last N messages of a conversation" from an index, without sorting', () => {
    const db = scratch()
    const plan = db
      .prepare<[], { detail: string }>(
        'EXPLAIN QUERY PLAN SELECT * FROM messages WHERE conversation_id = 1 ORDER BY id DESC LIMIT 200',
      )
      .all()
      .map((row) => row.detail)
      .join('\n')
    expect(plan).toMatch(/USING (COVERING )?INDEX messages_by_conversation/)
    expect(plan).not.toMatch(/TEMP B-TREE/)
    db.close()
  })

  it('links rows with the foreign keys the app depends on', () => {
    const db = scratch()
    const fk = (table: string) =>
      db
        .prepare<[string], { table: string; from: string; on_delete: string }>(
          'SELECT "table", "from", on_delete FROM pragma_foreign_key_list(?)',
        )
        .all(table)
    expect(fk('messages')).toContainEqual({
      table: 'conversations',
      from: 'conversation_id',
      on_delete: 'CASCADE',
    })
    expect(fk('message_thinking')).toContainEqual({
      table: 'messages',
      from: 'message_id',
      on_delete: 'CASCADE',
    })
    expect(fk('todos')).toContainEqual({
      table: 'activities',
      from: 'source_activity_id',
      on_delete: 'SET NULL',
    })
    expect(fk('vaults')).toContainEqual({ table: 'vaults', from: 'parent_id', on_delete: 'CASCADE' })

    db.prepare('INSERT INTO conversations (id, created_at, updated_at) VALUES (1, 1, 1)').run()
    db.prepare(
      "INSERT INTO messages (id, conversation_id, role, status, created_at, updated_at) VALUES (1, 1, 'user', 'completed', 1, 1)",
    ).run()
    db.prepare(
      "INSERT INTO message_thinking (message_id, stage, sequence, created_at) VALUES (1, 'retrieval', 0, 1)",
    ).run()
    db.prepare('DELETE FROM conversations WHERE id = 1').run()
    expect(
      db
        .prepare('SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM message_thinking) AS n')
        .get(),
    ).toEqual({ n: 0 })
    db.close()
  })
})
