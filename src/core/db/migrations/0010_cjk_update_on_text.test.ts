import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migratedTo } from '../../../../test/support/migratedTo'

/** Rows written by one statement, its triggers' writes included. */
function writes(db: Database.Database, sql: string, ...params: unknown[]): number {
  const before = db.prepare<[], number>('SELECT total_changes()').pluck().get() ?? 0
  db.prepare(sql).run(...params)
  return (db.prepare<[], number>('SELECT total_changes()').pluck().get() ?? 0) - before
}

const found = (db: Database.Database, word: string) =>
  db
    .prepare<[string], number>('SELECT rowid FROM vaults_cjk WHERE vaults_cjk MATCH ?')
    .pluck()
    .all(`"${word}"`)

function withChineseDocument(version: number): Database.Database {
  const db = migratedTo(version)
  db.prepare(
    "INSERT INTO vaults (id, title, content, created_at, updated_at) VALUES (1, '会议纪要', '讨论了预算和招聘计划', 0, 0)",
  ).run()
  return db
}

describe('migration 10: trigram update triggers on text columns only', () => {
  it('leaves the trigram index alone when a row with Chinese moves or changes state', () => {
    // Before: moving the document re-wrote its trigrams (a delete and an insert beside the row itself).
    expect(writes(withChineseDocument(9), 'UPDATE vaults SET sort_order = 5 WHERE id = 1')).toBeGreaterThan(1)
    const db = withChineseDocument(10)
    expect(db.pragma('user_version', { simple: true })).toBe(10)
    expect(writes(db, 'UPDATE vaults SET sort_order = 5 WHERE id = 1')).toBe(1)
    expect(found(db, '预算和')).toEqual([1])
  })

  it('still re-indexes a row when its text changes, in every indexed column', () => {
    const db = withChineseDocument(10)
    db.prepare("UPDATE vaults SET content = '下周发布新版本' WHERE id = 1").run()
    expect(found(db, '预算和')).toEqual([])
    expect(found(db, '发布新')).toEqual([1])
    db.prepare("UPDATE vaults SET title = '周报' WHERE id = 1").run()
    expect(found(db, '会议纪')).toEqual([])
    expect(found(db, '周报 下')).toEqual([1])
    // Text that loses its Chinese leaves the index.
    db.prepare("UPDATE vaults SET title = 'notes', content = 'plain words' WHERE id = 1").run()
    expect(found(db, '发布新')).toEqual([])
    const triggers = db
      .prepare<[], string>(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_cjk_update'",
      )
      .pluck()
      .all()
    expect(triggers).toHaveLength(5)
    for (const sql of triggers) expect(sql).toMatch(/AFTER UPDATE OF (title, )?content ON/)
  })
})
