import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DAY_MS, HOUR_MS } from '../../src/core/platform/clock'
import { DATABASE_FILE } from '../../src/core/db/open'
import { fingerprint, openTestCore, readDatabase } from '../support/core'
import { fill, rows } from '../support/fill'
import { FakeClock } from '../support/fakeClock'
import { tempDir } from '../support/tempDir'

const count = (file: string, table: string): number =>
  readDatabase(file, (db) => Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()))

describe('backups', () => {
  it('copies the database with the online backup API, verifies it and records what it holds', async () => {
    const t = openTestCore()
    fill(t, 'first')
    const { backup, removed } = await t.callAsync('backups.create', {})
    expect(removed).toEqual([])
    expect(backup).toMatchObject({ kind: 'manual', integrity: 'ok', createdAt: t.clock.now() })
    expect(path.dirname(backup.path)).toBe(path.join(t.dataDir, 'backups'))
    expect(fs.statSync(backup.path).size).toBe(backup.bytes)
    // The copy is one self-contained file: no -wal beside it, and it says so in its header.
    expect(fs.readdirSync(path.dirname(backup.path)).sort()).toEqual([backup.name, `${backup.name}.json`])
    expect(readDatabase(backup.path, (db) => db.pragma('journal_mode', { simple: true }))).toBe('delete')
    expect(backup.rowCounts).toMatchObject({ vaults: 2, messages: 2, todos: 1, message_thinking: 1 })
    for (const [table, rows] of Object.entries(backup.rowCounts)) {
      expect(count(t.core.databasePath, table), table).toBe(rows)
    }
    const progress = t.eventsNamed('backups.progress')
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toMatchObject({ operation: 'backup' })
    expect(progress.at(-1)?.done).toBe(progress.at(-1)?.total)
    expect(t.call('backups.list', {})).toEqual({ dir: path.join(t.dataDir, 'backups'), items: [backup] })
  })

  it('keeps writes made while the copy runs working, and the copy is consistent', async () => {
    const t = openTestCore()
    for (let index = 0; index < 300; index += 1)
      t.call('tips.create', { content: `tip ${index} `.repeat(200) })
    const copying = t.callAsync('backups.create', {})
    // Calls made meanwhile are answered (the backup yields between steps).
    t.call('tips.create', { content: 'written during the backup' })
    const { backup } = await copying
    expect(readDatabase(backup.path, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok')
    expect(backup.rowCounts.tips).toBe(count(backup.path, 'tips'))
  })

  it('restores a backup atomically, keeps the replaced file aside, and the app keeps working', async () => {
    const t = openTestCore()
    fill(t, 'before')
    const atBackup = rows(t.core.databasePath)
    const { backup } = await t.callAsync('backups.create', {})
    fill(t, 'after')
    t.call('vaults.trash', { id: 1 })
    const afterChanges = rows(t.core.databasePath)
    expect(afterChanges).not.toBe(atBackup)

    t.clock.advance(60_000)
    const restored = t.call('backups.restore', { name: backup.name })
    expect(restored.restored).toEqual(backup)
    expect(path.basename(restored.setAsidePath)).toMatch(/^cairn\.db\.before-restore-\d{8}T\d{9}Z$/)
    // Every row of every table is as it was when the backup was made; the replaced file holds the later ones.
    expect(rows(t.core.databasePath)).toBe(atBackup)
    expect(rows(restored.setAsidePath)).toBe(afterChanges)
    expect(t.eventsNamed('backups.restored')).toEqual([{ backup, setAsidePath: restored.setAsidePath }])
    // The WAL was checkpointed into the file; the app answers and writes on the restored database.
    expect(fs.statSync(`${t.core.databasePath}-wal`).size).toBe(0)
    expect(t.call('search.query', { query: 'after' }).hits).toEqual([])
    expect(t.call('search.query', { query: 'before' }).hits.length).toBeGreaterThan(0)
    const todo = t.call('todos.create', { content: 'after the restore' })
    expect(t.call('todos.get', { id: todo.id }).content).toBe('after the restore')
    expect(t.call('system.health', {})).toMatchObject({ ok: true, recovery: null })
    expect(t.call('jobs.list', {}).jobs.every((job) => job.nextRunAt !== null)).toBe(true)
  })

  it('refuses an unknown or damaged backup and changes nothing', async () => {
    const t = openTestCore()
    fill(t, 'one')
    const { backup } = await t.callAsync('backups.create', {})
    const before = fingerprint(t.core.databasePath)
    expect(t.fail('backups.restore', { name: 'cairn-20200101T000000000Z.db' }).code).toBe('NOT_FOUND')
    expect(t.fail('backups.restore', { name: '../cairn.db' }).code).toBe('INVALID_INPUT')
    const bytes = fs.readFileSync(backup.path)
    bytes.fill(0x5a, 4096, bytes.length)
    fs.writeFileSync(backup.path, bytes)
    const error = t.fail('backups.restore', { name: backup.name })
    expect(error.code).toBe('FAILED_PRECONDITION')
    expect(error.message).toMatch(/damaged.*nothing was changed/)
    expect(fingerprint(t.core.databasePath)).toBe(before)
    expect(fs.readdirSync(t.dataDir).filter((name) => name.includes('restor'))).toEqual([])
  })

  it('rotates to the newest of each of the last 7 days and 4 weeks, as the settings say', async () => {
    const clock = new FakeClock(Date.UTC(2025, 2, 3, 10, 0)) // a Monday
    const t = openTestCore({ clock })
    const made: string[] = []
    for (let day = 0; day < 40; day += 1) {
      made.push((await t.callAsync('backups.create', {})).backup.name)
      clock.advance(DAY_MS)
    }
    const kept = t.call('backups.list', {}).items.map((item) => item.name)
    // 7 daily (days 33..39) and the newest of 4 weeks: days 39 and 32 fall in the dailies' weeks... see below.
    const days = kept.map((name) => made.indexOf(name)).sort((a, b) => a - b)
    expect(days.slice(-7)).toEqual([33, 34, 35, 36, 37, 38, 39])
    // The newest backup of each of the last four weeks (weeks start on Monday; day 0 is a Monday).
    const weekly = [27, 34, 39].concat(20)
    for (const day of weekly) expect(days).toContain(day)
    expect(days).toHaveLength(new Set([...days.slice(-7), ...weekly]).size)
    expect(fs.readdirSync(path.join(t.dataDir, 'backups'))).toHaveLength(kept.length * 2)

    t.call('settings.set', { key: 'backups.keepDaily', value: 2 })
    t.call('settings.set', { key: 'backups.keepWeekly', value: 0 })
    const { removed } = await t.callAsync('backups.create', {})
    expect(removed.length).toBe(kept.length + 1 - 2)
    expect(t.call('backups.list', {}).items).toHaveLength(2)
  })

  it('backs up once a day from the hourly job, and records each run', async () => {
    const t = openTestCore()
    const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10))
    const first = await t.callAsync('jobs.run', { name: 'backups.daily' })
    expect(first).toMatchObject({ ok: true, result: { skipped: false } })
    // Each hourly check is scheduled once the previous one has finished; a backup 20 hours old is recent.
    for (let hour = 1; hour <= 20; hour += 1) {
      t.clock.advance(HOUR_MS)
      await tick()
    }
    const runs = t.call('jobs.history', { name: 'backups.daily', limit: 50 }).items
    expect(runs).toHaveLength(21)
    expect(runs[0]).toMatchObject({ ok: true, result: { skipped: true } })
    expect(t.call('backups.list', {}).items).toHaveLength(1)
    t.clock.advance(HOUR_MS)
    for (let wait = 0; wait < 100 && t.call('backups.list', {}).items.length < 2; wait += 1) await tick()
    expect(t.call('backups.list', {}).items.map((item) => item.kind)).toEqual(['daily', 'daily'])
  })

  it('never counts a copy that was interrupted before it was verified', () => {
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, 'backups'))
    fs.writeFileSync(path.join(dir, 'backups', 'cairn-20250101T000000000Z.db.partial'), 'half a copy')
    fs.writeFileSync(path.join(dir, 'backups', 'cairn-20250102T000000000Z.db'), 'no manifest')
    const t = openTestCore({ dataDir: dir })
    expect(t.call('backups.list', {}).items).toEqual([])
    expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual(['cairn-20250102T000000000Z.db'])
  })
})

/** Overwrites the middle of a database file with junk, the way a failing disk or a stray write would. */
function damage(file: string): void {
  const bytes = fs.readFileSync(file)
  bytes.fill(0xff, 4096 * 2, Math.min(bytes.length, 4096 * 12))
  fs.writeFileSync(file, bytes)
}

describe('start-up checks', () => {
  it('moves a damaged database aside, restores the newest good backup and says what was lost', async () => {
    const dir = tempDir()
    const first = openTestCore({ dataDir: dir })
    fill(first, 'kept')
    const atBackup = rows(first.core.databasePath)
    const { backup } = await first.callAsync('backups.create', {})
    fill(first, 'lost')
    first.close()
    const file = path.join(dir, DATABASE_FILE)
    damage(file)
    const damagedBytes = fs.readFileSync(file)

    const t = openTestCore({ dataDir: dir })
    const { recovery } = t.call('system.health', {})
    expect(recovery).toMatchObject({ restoredFrom: backup.name, backupCreatedAt: backup.createdAt })
    expect(recovery?.message).toContain('Anything you changed after that time is not in the restored data')
    expect(path.basename(recovery?.damagedPath ?? '')).toMatch(/^cairn\.db\.damaged-/)
    expect(fs.readFileSync(recovery?.damagedPath ?? '').equals(damagedBytes)).toBe(true)
    expect(rows(file)).toBe(atBackup)
    expect(t.call('search.query', { query: 'kept' }).hits.length).toBeGreaterThan(0)
    expect(t.call('search.query', { query: 'lost' }).hits).toEqual([])
  })

  it.each([
    ['text', (file: string) => fs.writeFileSync(file, 'my notes, not a database\n'.repeat(200))],
    ['damaged pages', damage],
  ])('with no backup, keeps a file with %s aside and starts empty, saying so', (_kind, spoil) => {
    const dir = tempDir()
    const first = openTestCore({ dataDir: dir })
    fill(first, 'gone')
    first.close()
    const file = path.join(dir, DATABASE_FILE)
    spoil(file)
    const spoiled = fs.readFileSync(file)
    const t = openTestCore({ dataDir: dir })
    const { recovery } = t.call('system.health', {})
    expect(recovery).toMatchObject({ restoredFrom: null, backupCreatedAt: null })
    expect(recovery?.message).toMatch(/no usable backup.*started with an empty database/)
    expect(fs.readFileSync(recovery?.damagedPath ?? '').equals(spoiled)).toBe(true)
    expect(t.call('vaults.list', {}).items).toEqual([])
  })

  it('skips a backup that is itself damaged and takes the next older one', async () => {
    const dir = tempDir()
    const first = openTestCore({ dataDir: dir })
    fill(first, 'older')
    const older = (await first.callAsync('backups.create', {})).backup
    // A day later, so that rotation (the newest of each day) keeps both.
    first.clock.advance(DAY_MS)
    fill(first, 'newer')
    const newer = (await first.callAsync('backups.create', {})).backup
    first.close()
    damage(newer.path)
    damage(path.join(dir, DATABASE_FILE))
    const t = openTestCore({ dataDir: dir })
    expect(t.call('system.health', {}).recovery?.restoredFrom).toBe(older.name)
    expect(new Database(newer.path, { readonly: true }).open).toBe(true)
  })
})
