import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../open'
import { MIGRATIONS } from '.'

describe('migration 4: work queue', () => {
  it('adds a STRICT work_items table whose (kind, dedupe_key) is unique', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 4),
    )
    expect(db.pragma('user_version', { simple: true })).toBe(4)
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'work_items'").pluck().get()).toBe(1)
    const insert = db.prepare(
      "INSERT INTO work_items (kind, dedupe_key, status, run_after, created_at, updated_at) VALUES ('k', ?, ?, 0, 0, 0)",
    )
    insert.run('a', 'queued')
    expect(() => insert.run('a', 'queued')).toThrow(/UNIQUE/)
    expect(() => insert.run('b', 'sleeping')).toThrow(/CHECK/)
  })
})
