import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migratedTo } from '../../../../test/support/migratedTo'
import { migrate } from '../open'
import { MIGRATIONS } from '.'

const columns = (db: Database.Database) =>
  (db.pragma('table_info(work_items)') as { name: string; type: string; notnull: number }[]).map(
    ({ name, type, notnull }) => ({ name, type, notnull }),
  )

describe('migration 11: work item notes', () => {
  it('adds a nullable last_note column, NULL on the items already queued', () => {
    const db = migratedTo(10)
    expect(columns(db).map((column) => column.name)).not.toContain('last_note')
    db.prepare(
      "INSERT INTO work_items (kind, dedupe_key, last_error, run_after, created_at, updated_at) VALUES ('tips', 'k', 'old words', 0, 0, 0)",
    ).run()
    // The same database, brought to 11 as the app does at its next start.
    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 11),
    )
    expect(db.pragma('user_version', { simple: true })).toBe(11)
    expect(columns(db)).toContainEqual({ name: 'last_note', type: 'TEXT', notnull: 0 })
    expect(db.prepare('SELECT last_error, last_note FROM work_items').get()).toEqual({
      last_error: 'old words',
      last_note: null,
    })
  })
})
