import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/core/db/migrations'
import type { Migration } from '../../src/core/db/migrations/types'
import { DATABASE_FILE, closeDatabase, migrate, openDatabase } from '../../src/core/db/open'
import { OWNER_LOCK_DATABASE } from '../../src/core/db/ownerLock'
import { createCore } from '../../src/core/runtime/createCore'
import { AppError } from '../../src/shared/contract/errors'
import { fingerprint, openTestCore, readDatabase } from '../support/core'
import { tempDir } from '../support/tempDir'

const schemaSql = (file: string): unknown[] =>
  readDatabase(file, (db) =>
    db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all(),
  )

/** Writes a database that claims to come from a future Cairn, the way such a Cairn would leave it after quitting. */
function futureDatabase(dir: string, journalMode: 'wal' | 'delete'): string {
  const file = path.join(dir, DATABASE_FILE)
  const db = new Database(file)
  db.pragma(`journal_mode = ${journalMode}`)
  migrate(db)
  db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('from.the.future', '42', 1)").run()
  db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
  // Closed by that newer Cairn's own code: no marker of ours beside it.
  db.close()
  return file
}

describe('opening the database', () => {
  it('migrates a fresh folder to the latest schema with WAL, synchronous=NORMAL and foreign keys on', () => {
    const dir = path.join(tempDir(), 'nested', 'data')
    const opened = openDatabase(dir)
    try {
      expect(opened.path).toBe(path.join(dir, DATABASE_FILE))
      expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
      expect(opened.migrated).toEqual(MIGRATIONS.map((migration) => migration.version))
      expect(opened.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(opened.db.pragma('synchronous', { simple: true })).toBe(1)
      expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(Number(opened.db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0)
    } finally {
      closeDatabase(opened.db)
    }
  })

  it('numbers migrations consecutively from 1', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      MIGRATIONS.map((_migration, index) => index + 1),
    )
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length)
  })

  it('reopens a database made by this version unchanged: same schema, same rows, nothing migrated', () => {
    const dir = tempDir()
    const first = openTestCore({ dataDir: dir })
    const folder = first.call('vaults.create', { title: 'Projects', isFolder: true })
    first.call('vaults.create', { title: 'Plan', content: 'ship the core', parentId: folder.id })
    first.call('todos.create', { content: 'write the tests', urgency: 2 })
    const conversation = first.call('conversations.create', { title: 'chat' })
    first.call('messages.create', { conversationId: conversation.id, role: 'user', content: 'hello' })
    first.call('monitoring.recordTokenUsage', { model: 'm', promptTokens: 1, completionTokens: 2 })
    first.call('settings.set', { key: 'ui.theme', value: 'dark' })
    first.close()
    const file = path.join(dir, DATABASE_FILE)
    const schema = schemaSql(file)
    const rows = fingerprint(file)

    const opened = openDatabase(dir)
    expect(opened.migrated).toEqual([])
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    closeDatabase(opened.db)
    expect(schemaSql(file)).toEqual(schema)
    expect(fingerprint(file)).toBe(rows)

    const second = openTestCore({ dataDir: dir, clock: first.clock })
    expect(second.call('vaults.tree', {}).nodes.map((node) => [node.title, node.childCount])).toEqual([
      ['Projects', 1],
    ])
    expect(second.call('settings.get', { key: 'ui.theme' }).value).toBe('dark')
  })

  it.each(['wal', 'delete'] as const)(
    'refuses a database from a newer Cairn (%s journal) with a clear message and leaves the file untouched',
    (journalMode) => {
      const dir = tempDir()
      const file = futureDatabase(dir, journalMode)
      const past = new Date('2020-01-01T00:00:00Z')
      fs.utimesSync(file, past, past)
      const bytes = fs.readFileSync(file)
      const mtime = fs.statSync(file).mtimeMs
      expect(fs.readdirSync(dir).filter((name) => name !== OWNER_LOCK_DATABASE)).toEqual([DATABASE_FILE])

      let thrown: unknown
      try {
        openDatabase(dir)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(AppError)
      const error = thrown as AppError
      expect(error.code).toBe('FAILED_PRECONDITION')
      expect(error.message).toMatch(/written by a newer version of Cairn/)
      expect(error.message).toContain(file)

      expect(() => createCore({ dataDir: dir, validateOutput: true })).toThrow(/newer version of Cairn/)

      expect(fs.readFileSync(file).equals(bytes)).toBe(true)
      expect(fs.statSync(file).mtimeMs).toBe(mtime)
      expect(fs.readdirSync(dir).filter((name) => name !== OWNER_LOCK_DATABASE)).toEqual([DATABASE_FILE])
    },
  )

  it('sees a newer version that is still only in the -wal file (a newer Cairn that crashed) and refuses it', () => {
    const dir = tempDir()
    const file = path.join(dir, DATABASE_FILE)
    const writer = new Database(file)
    try {
      writer.pragma('journal_mode = WAL')
      writer.pragma('wal_autocheckpoint = 0')
      migrate(writer)
      writer.pragma('wal_checkpoint(TRUNCATE)')
      writer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
      // The header in the main file still says LATEST; only the WAL knows better.
      expect(fs.readFileSync(file).readInt32BE(60)).toBe(LATEST_SCHEMA_VERSION)
      expect(() => openDatabase(dir)).toThrow(/newer version of Cairn/)
    } finally {
      writer.close()
    }
  })

  it.each([
    ['text', Buffer.from('my notes, not a database\n'.repeat(200))],
    ['a damaged header', Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4080, 0x78)])],
  ])('refuses a file that is %s with a clear message, leaving it untouched', (_kind, content) => {
    const dir = tempDir()
    const file = path.join(dir, DATABASE_FILE)
    fs.writeFileSync(file, content)
    let thrown: unknown
    try {
      openDatabase(dir)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect(thrown).toMatchObject({ code: 'FAILED_PRECONDITION' })
    expect((thrown as AppError).message).toMatch(/damaged or is not a Cairn database/)
    expect(fs.readFileSync(file).equals(content)).toBe(true)
    expect(fs.readdirSync(dir).filter((name) => name !== OWNER_LOCK_DATABASE)).toEqual([DATABASE_FILE])
  })

  describe('a migration that fails half-way', () => {
    const failing = (version: number): Migration => ({
      version,
      name: 'breaks half-way',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT; INSERT INTO half_done VALUES (1);')
        throw new Error('disk on fire')
      },
    })

    it('applies nothing at all when it is part of the first run', () => {
      const db = new Database(path.join(tempDir(), 'scratch.db'))
      expect(() => migrate(db, [...MIGRATIONS, failing(MIGRATIONS.length + 1)])).toThrow('disk on fire')
      expect(db.pragma('user_version', { simple: true })).toBe(0)
      expect(db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()).toBe(0)
      db.close()
    })

    it('leaves a database at its previous version, with its rows, when a later migration fails', () => {
      const file = path.join(tempDir(), 'scratch.db')
      const db = new Database(file)
      const [first, ...rest] = MIGRATIONS
      if (!first) throw new Error('no migrations')
      migrate(db, [first])
      db.prepare("INSERT INTO tips (content, created_at) VALUES ('keep me', 1)").run()
      const before = fingerprint(file)
      expect(() => migrate(db, [first, ...rest, failing(MIGRATIONS.length + 1)])).toThrow('disk on fire')
      expect(db.pragma('user_version', { simple: true })).toBe(1)
      expect(
        db
          .prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('half_done', 'tips_fts')")
          .pluck()
          .get(),
      ).toBe(0)
      db.close()
      expect(fingerprint(file)).toBe(before)
    })
  })
})
