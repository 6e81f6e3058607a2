import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../open'
import { MIGRATIONS } from '.'

const match = (db: Database.Database, table: string, query: string) =>
  db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(query)

describe('migration 7: recall', () => {
  it('indexes frames already stored and keeps the screen and CJK indexes in step with their rows', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 6),
    )
    db.prepare(
      "INSERT INTO captures (id, captured_at, display_id, path, format, bytes, phash, app_name, window_title) VALUES (1, 0, 'd', 'a.jpg', 'jpeg', 1, '0000000000000000', 'Mail', 'Quarterly plans')",
    ).run()
    db.prepare(
      "INSERT INTO todos (content, created_at, updated_at) VALUES ('我们明天需要完成季度报告的初稿', 1, 1)",
    ).run()
    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 7),
    )
    expect(db.pragma('user_version', { simple: true })).toBe(7)
    // Rows from before the migration are found.
    expect(match(db, 'screens_fts', 'quarterly mail')).toEqual([1])
    expect(match(db, 'todos_cjk', '"季度报告"')).toEqual([1])

    db.prepare(
      "INSERT INTO capture_text (capture_id, recognized_at, languages, text) VALUES (1, 0, 'eng', 'zorblatt frimwidget')",
    ).run()
    db.prepare(
      "INSERT INTO capture_contexts (capture_id, described_at, model, summary) VALUES (1, 0, 'm', 'an editor')",
    ).run()
    expect(match(db, 'screens_fts', 'zorblatt editor quarterly')).toEqual([1])
    expect(() =>
      db
        .prepare(
          "INSERT INTO capture_text (capture_id, recognized_at, languages, text) VALUES (1, 0, 'eng', 'x')",
        )
        .run(),
    ).toThrow(/UNIQUE|PRIMARY/)

    db.prepare("UPDATE todos SET content = 'in English now' WHERE id = 1").run()
    expect(match(db, 'todos_cjk', '"季度报告"')).toEqual([])
    db.prepare("INSERT INTO todos (content, created_at, updated_at) VALUES ('plain words only', 1, 1)").run()
    expect(db.prepare('SELECT count(*) FROM todos_cjk').pluck().get()).toBe(0)

    db.prepare('DELETE FROM captures WHERE id = 1').run()
    expect(match(db, 'screens_fts', 'zorblatt')).toEqual([])
    expect(db.prepare('SELECT count(*) FROM capture_text').pluck().get()).toBe(0)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
