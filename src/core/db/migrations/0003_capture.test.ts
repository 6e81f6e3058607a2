import { describe, expect, it } from 'vitest'
import { migratedTo } from '../../../../test/support/migratedTo'

describe('migration 3: capture', () => {
  it('adds STRICT captures and capture_ticks tables on top of version 2', () => {
    const db = migratedTo(3)
    expect(db.pragma('user_version', { simple: true })).toBe(3)
    for (const table of ['captures', 'capture_ticks']) {
      expect(db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').pluck().get(table)).toBe(1)
    }
    const columns = db.prepare("SELECT name FROM pragma_table_info('captures')").pluck().all()
    expect(columns).toEqual(
      expect.arrayContaining([
        'captured_at',
        'display_id',
        'path',
        'format',
        'bytes',
        'phash',
        'app_name',
        'window_title',
        'image_deleted_at',
      ]),
    )
  })

  it('refuses a bad outcome, format or hash, and keeps ticks when their capture goes', () => {
    const db = migratedTo(3)
    const insertCapture = db.prepare(
      "INSERT INTO captures (captured_at, display_id, path, format, bytes, phash) VALUES (1, 'd', ?, ?, 10, ?)",
    )
    expect(() => insertCapture.run('a.gif', 'gif', '0123456789abcdef')).toThrow(/CHECK/)
    expect(() => insertCapture.run('a.jpg', 'jpeg', 'short')).toThrow(/CHECK/)
    const id = Number(insertCapture.run('a.jpg', 'jpeg', '0123456789abcdef').lastInsertRowid)
    expect(() => db.prepare("INSERT INTO capture_ticks (at, outcome) VALUES (1, 'snoozed')").run()).toThrow(
      /CHECK/,
    )
    db.prepare("INSERT INTO capture_ticks (at, outcome, capture_id) VALUES (1, 'captured', ?)").run(id)
    db.prepare('DELETE FROM captures WHERE id = ?').run(id)
    expect(db.prepare('SELECT capture_id FROM capture_ticks').pluck().get()).toBeNull()
  })
})
