import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../open'
import { MIGRATIONS } from '.'

describe('migration 6: capture context', () => {
  it('keeps one description per capture, removed with its capture', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 6),
    )
    expect(db.pragma('user_version', { simple: true })).toBe(6)
    db.prepare(
      "INSERT INTO captures (id, captured_at, display_id, path, format, bytes, phash) VALUES (1, 0, 'd', 'a.jpg', 'jpeg', 1, '0000000000000000')",
    ).run()
    const insert = db.prepare(
      "INSERT INTO capture_contexts (capture_id, described_at, model, summary, details) VALUES (1, 0, 'm', 's', ?)",
    )
    insert.run('{}')
    expect(() => insert.run('{}')).toThrow(/UNIQUE|PRIMARY/)
    expect(() =>
      db
        .prepare(
          "INSERT INTO capture_contexts (capture_id, described_at, model, details) VALUES (2, 0, 'm', 'x')",
        )
        .run(),
    ).toThrow(/CHECK|FOREIGN/)
    db.prepare('DELETE FROM captures WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) FROM capture_contexts').pluck().get()).toBe(0)
  })
})
