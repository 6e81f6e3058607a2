import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/support/tempDir'
import { migrate } from '../open'
import { initial } from './0001_initial'
import { FTS_TABLES, fullTextSearch } from './0002_full_text_search'

function scratch(migrations = [initial, fullTextSearch]): Database.Database {
  const db = new Database(path.join(tempDir(), 'scratch.db'))
  db.pragma('foreign_keys = ON')
  migrate(db, migrations)
  return db
}

const matches = (db: Database.Database, fts: string, query: string): number[] =>
  db
    .prepare<[string], { rowid: number }>(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid`)
    .all(query)
    .map((row) => row.rowid)

const integrityCheck = (db: Database.Database, fts: string): void => {
  db.prepare(`INSERT INTO ${fts}(${fts}, rank) VALUES ('integrity-check', 1)`).run()
}

/** One insert per searched table, with `word` in every searched column. */
const INSERT: Record<string, (db: Database.Database, word: string) => number> = {
  vaults: (db, word) =>
    Number(
      db
        .prepare('INSERT INTO vaults (title, content, created_at, updated_at) VALUES (?, ?, 1, 1)')
        .run(`${word} title`, `body ${word}`).lastInsertRowid,
    ),
  todos: (db, word) =>
    Number(
      db.prepare('INSERT INTO todos (content, created_at, updated_at) VALUES (?, 1, 1)').run(`call ${word}`)
        .lastInsertRowid,
    ),
  activities: (db, word) =>
    Number(
      db
        .prepare(
          'INSERT INTO activities (title, content, start_at, end_at, created_at) VALUES (?, ?, 1, 2, 1)',
        )
        .run(`${word} review`, `read ${word}`).lastInsertRowid,
    ),
  tips: (db, word) =>
    Number(
      db.prepare('INSERT INTO tips (content, created_at) VALUES (?, 1)').run(`try ${word}`).lastInsertRowid,
    ),
  messages: (db, word) => {
    db.prepare('INSERT OR IGNORE INTO conversations (id, created_at, updated_at) VALUES (1, 1, 1)').run()
    return Number(
      db
        .prepare(
          "INSERT INTO messages (conversation_id, role, content, status, created_at, updated_at) VALUES (1, 'user', ?, 'completed', 1, 1)",
        )
        .run(`ask ${word}`).lastInsertRowid,
    )
  },
}

describe('migration 0002 full-text search', () => {
  it('sets user_version to 2 and creates an external-content FTS5 index with three triggers per searched table', () => {
    const db = scratch()
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    expect(FTS_TABLES.map((entry) => entry.table).sort()).toEqual([
      'activities',
      'messages',
      'tips',
      'todos',
      'vaults',
    ])
    for (const { table } of FTS_TABLES) {
      const sql = db
        .prepare<[string], string>('SELECT sql FROM sqlite_schema WHERE name = ?')
        .pluck()
        .get(`${table}_fts`)
      expect(sql).toMatch(/USING fts5/)
      expect(sql).toContain(`content='${table}'`)
      const triggers = db
        .prepare<[string], string>(
          "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? ORDER BY name",
        )
        .pluck()
        .all(table)
      expect(triggers).toEqual([`${table}_fts_delete`, `${table}_fts_insert`, `${table}_fts_update`])
    }
    db.close()
  })

  it.each(FTS_TABLES.map((entry) => entry.table))(
    'keeps %s_fts in step with inserts, updates and deletes',
    (table) => {
      const db = scratch()
      const fts = `${table}_fts`
      const insert = INSERT[table]
      if (!insert) throw new Error(`no insert for ${table}`)
      const first = insert(db, 'aardvark')
      const second = insert(db, 'buffalo')
      expect(matches(db, fts, 'aardvark')).toEqual([first])
      expect(matches(db, fts, 'buffalo')).toEqual([second])

      const column = table === 'vaults' || table === 'activities' ? 'title' : 'content'
      db.prepare(`UPDATE ${table} SET ${column} = 'chameleon' WHERE id = ?`).run(first)
      expect(matches(db, fts, 'chameleon')).toEqual([first])
      if (column === 'content') expect(matches(db, fts, 'aardvark')).toEqual([])
      else expect(matches(db, fts, 'aardvark')).toEqual([first]) // still in the other column

      db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(second)
      expect(matches(db, fts, 'buffalo')).toEqual([])
      integrityCheck(db, fts)
      db.close()
    },
  )

  it('indexes rows that already existed when the migration ran', () => {
    const db = scratch([initial])
    const ids = Object.fromEntries(
      Object.entries(INSERT).map(([table, insert]) => [table, insert(db, 'preexisting')]),
    )
    migrate(db, [initial, fullTextSearch])
    for (const { table } of FTS_TABLES) {
      expect(matches(db, `${table}_fts`, 'preexisting'), table).toEqual([ids[table]])
      integrityCheck(db, `${table}_fts`)
    }
    db.close()
  })

  it('does not touch the index when only columns outside it change', () => {
    const db = scratch()
    const id = INSERT.vaults?.(db, 'dolphin') ?? 0
    const before = db.prepare('SELECT count(*) FROM vaults_fts_data').pluck().get()
    db.prepare('UPDATE vaults SET sort_order = 5, updated_at = 2 WHERE id = ?').run(id)
    expect(db.prepare('SELECT count(*) FROM vaults_fts_data').pluck().get()).toBe(before)
    expect(matches(db, 'vaults_fts', 'dolphin')).toEqual([id])
    integrityCheck(db, 'vaults_fts')
    db.close()
  })

  it('keeps the index in step when rows go by a cascade (conversation → messages, folder → documents)', () => {
    const db = scratch()
    const message = INSERT.messages?.(db, 'cascade') ?? 0
    expect(matches(db, 'messages_fts', 'cascade')).toEqual([message])
    db.prepare('DELETE FROM conversations WHERE id = 1').run()
    expect(matches(db, 'messages_fts', 'cascade')).toEqual([])
    integrityCheck(db, 'messages_fts')

    const folder = Number(
      db
        .prepare("INSERT INTO vaults (title, is_folder, created_at, updated_at) VALUES ('box', 1, 1, 1)")
        .run().lastInsertRowid,
    )
    db.prepare(
      "INSERT INTO vaults (title, content, parent_id, created_at, updated_at) VALUES ('inner', 'walrus', ?, 1, 1)",
    ).run(folder)
    expect(matches(db, 'vaults_fts', 'walrus')).toHaveLength(1)
    db.prepare('DELETE FROM vaults WHERE id = ?').run(folder)
    expect(matches(db, 'vaults_fts', 'walrus')).toEqual([])
    integrityCheck(db, 'vaults_fts')
    db.close()
  })
})
