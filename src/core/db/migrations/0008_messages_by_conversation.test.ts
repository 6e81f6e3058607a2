import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/support/tempDir'
import { DATABASE_FILE, migrate, openDatabase } from '../open'
import { MIGRATIONS } from '.'
import type { Migration } from './types'

const BEFORE = MIGRATIONS.filter((migration) => migration.version <= 7)

/** A schema-7 file with messages of three conversations written in turns, replies, thinking steps, CJK text. */
function schema7(file: string, messages: number): Database.Database {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  migrate(db, BEFORE)
  db.transaction(() => {
    for (const id of [1, 2, 3])
      db.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, 1, 1)').run(
        id,
        `talk ${id}`,
      )
    const insert = db.prepare(
      `INSERT INTO messages (conversation_id, parent_message_id, role, content, status, token_count, latency_ms, error_message, metadata, created_at, updated_at, completed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (let index = 0; index < messages; index += 1) {
      const conversation = 1 + (index % 3)
      const parent = index >= 3 && index % 2 === 1 ? index - 2 : null
      const content =
        index % 50 === 7 ? `我们明天需要完成季度报告 ${index}` : `walrus number ${index} on the ice`
      const status = index === messages - 1 ? 'streaming' : 'completed'
      insert.run(
        conversation,
        parent,
        index % 2 ? 'assistant' : 'user',
        content,
        status,
        index,
        index % 5 ? null : 40,
        '',
        `{"n":${index}}`,
        1000 + index,
        2000 + index,
        status === 'completed' ? 3000 + index : null,
      )
    }
    // A gap in the ids, as deleting messages leaves.
    db.prepare('DELETE FROM messages WHERE id IN (10, 11, 12)').run()
    db.prepare(
      "INSERT INTO message_thinking (message_id, stage, content, sequence, created_at) VALUES (4, 'retrieval', 'looked up walruses', 0, 1)",
    ).run()
  })()
  return db
}

const allRows = (db: Database.Database): unknown[] => db.prepare('SELECT * FROM messages ORDER BY id').all()
const match = (db: Database.Database, table: string, query: string): number[] =>
  db
    .prepare<[string], number>(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`)
    .pluck()
    .all(query)
const plan = (db: Database.Database, sql: string): string =>
  JSON.stringify(db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all())

describe('migration 8: messages stored by conversation', () => {
  it('keeps every message, id and reference, and reads a conversation’s last page as one range', () => {
    const db = schema7(path.join(tempDir(), 'scratch.db'), 200)
    const before = allRows(db)
    const thinkingBefore = db.prepare('SELECT * FROM message_thinking').all()
    const walrusBefore = match(db, 'messages_fts', 'walrus')
    const cjkBefore = match(db, 'messages_cjk', '"季度报告"')
    expect(walrusBefore.length).toBeGreaterThan(150)
    expect(cjkBefore.length).toBe(4)

    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 8),
    )
    expect(db.pragma('user_version', { simple: true })).toBe(8)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(allRows(db)).toEqual(before)
    expect(db.prepare('SELECT * FROM message_thinking').all()).toEqual(thinkingBefore)
    expect(match(db, 'messages_fts', 'walrus')).toEqual(walrusBefore)
    expect(match(db, 'messages_cjk', '"季度报告"')).toEqual(cjkBefore)
    expect(
      db.prepare("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)").run(),
    ).toBeTruthy()
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])

    // The last page walks the primary key backwards: no sort, no second lookup per row.
    const lastPage = plan(db, 'SELECT * FROM messages WHERE conversation_id = 2 ORDER BY id DESC LIMIT 200')
    expect(lastPage).toContain('PRIMARY KEY')
    expect(lastPage).not.toContain('TEMP B-TREE')
    expect(plan(db, 'SELECT * FROM messages WHERE id = 5')).toContain('messages_by_id')
    const rows = db
      .prepare<[], { id: number }>(
        'SELECT id FROM messages WHERE conversation_id = 2 ORDER BY id DESC LIMIT 3',
      )
      .all()
    expect(rows.map((row) => row.id)).toEqual([200, 197, 194])

    // The triggers came back: inserts, edits and deletes still reach both text indexes.
    db.prepare(
      "INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at) VALUES ((SELECT max(id) + 1 FROM messages), 3, 'user', 'a narwhal 季度报告 too', 'completed', 9, 9)",
    ).run()
    expect(match(db, 'messages_fts', 'narwhal')).toEqual([201])
    expect(match(db, 'messages_cjk', '"季度报告"')).toEqual([...cjkBefore, 201])
    db.prepare("UPDATE messages SET content = 'a dolphin now' WHERE id = 201").run()
    expect(match(db, 'messages_fts', 'narwhal')).toEqual([])
    expect(match(db, 'messages_fts', 'dolphin')).toEqual([201])
    expect(match(db, 'messages_cjk', '"季度报告"')).toEqual(cjkBefore)
    db.prepare('DELETE FROM messages WHERE id = 201').run()
    expect(match(db, 'messages_fts', 'dolphin')).toEqual([])

    // Ids stay unique on their own, and references still hold: a reply loses its parent, a conversation its rows.
    expect(() =>
      db
        .prepare(
          "INSERT INTO messages (id, conversation_id, role, status, created_at, updated_at) VALUES (5, 1, 'user', 'completed', 1, 1)",
        )
        .run(),
    ).toThrow(/UNIQUE/)
    expect(() =>
      db
        .prepare(
          "INSERT INTO messages (id, conversation_id, role, status, created_at, updated_at) VALUES (300, 99, 'user', 'completed', 1, 1)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM messages WHERE id = 3').run()
    expect(db.prepare('SELECT parent_message_id FROM messages WHERE id = 5').pluck().get()).toBeNull()
    db.prepare('DELETE FROM conversations WHERE id = 2').run()
    expect(db.prepare('SELECT count(*) FROM messages WHERE conversation_id = 2').pluck().get()).toBe(0)
    db.prepare('DELETE FROM conversations WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) FROM message_thinking').pluck().get()).toBe(0)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()
  })

  it('upgrades a real data folder in place, keeping every row', () => {
    const dir = tempDir()
    const db = schema7(path.join(dir, DATABASE_FILE), 5_000)
    const before = allRows(db)
    db.close()

    const opened = openDatabase(dir)
    try {
      // Migration 8 and every one after it.
      expect(opened.migrated).toEqual(MIGRATIONS.slice(7).map((migration) => migration.version))
      expect(opened.schemaVersion).toBe(MIGRATIONS.length)
      expect(allRows(opened.db)).toEqual(before)
      expect(match(opened.db, 'messages_fts', 'walrus')).toHaveLength(before.length - 100)
      expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      opened.db.close()
    }
  })

  it('refuses a migration that would break references, leaving the file as it was', () => {
    const db = schema7(path.join(tempDir(), 'scratch.db'), 30)
    const orphaning: Migration = {
      version: 8,
      name: 'loses conversations',
      up: (target) => target.exec('DELETE FROM conversations WHERE id = 1'),
    }
    expect(() => migrate(db, [...BEFORE, orphaning])).toThrow(/break 9 references/)
    expect(db.pragma('user_version', { simple: true })).toBe(7)
    expect(db.prepare('SELECT count(*) FROM conversations').pluck().get()).toBe(3)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
  })
})
