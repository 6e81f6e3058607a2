import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createBackup } from '../../src/core/backup/create'
import type { BackupProgress } from '../../src/core/backup/copyThread'
import { copyOnThread } from '../../src/core/backup/copyThread'
import { migrate } from '../../src/core/db/open'
import { toErrorShape } from '../../src/core/runtime/errorMapping'
import { startTaskThread } from '../../src/core/runtime/threadTask'
import type { TaskThread } from '../../src/core/runtime/threadTask'
import { AppError } from '../../src/shared/contract/errors'
import { openTestCore } from '../support/core'
import { tempDir } from '../support/tempDir'

const WORKER = path.resolve(__dirname, '../../src/core/runtime/worker.ts')
const script = { workerPath: WORKER, execArgv: ['--import', 'tsx'] }

function taskThread(): TaskThread {
  const thread = startTaskThread(script)
  onTestFinished(() => thread.close())
  return thread
}

/** A live database as the core keeps it (WAL, the current schema) with `todos` rows; left open for writing. */
function liveWithTodos(todos: number): { file: string; db: Database.Database } {
  const file = path.join(tempDir(), 'cairn.db')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  migrate(db)
  const insert = db.prepare('INSERT INTO todos (content, created_at, updated_at) VALUES (?, 1, 1)')
  db.transaction(() => {
    for (let index = 0; index < todos; index += 1) insert.run(`todo ${index} ${'x'.repeat(200)}`)
  })()
  onTestFinished(() => {
    db.close()
  })
  return { file, db }
}

describe('a backup copied on the task thread', () => {
  it('holds the snapshot of its start while the live connection writes, and reports its steps in order', async () => {
    const { file, db } = liveWithTodos(100_000)
    const partial = path.join(tempDir(), 'copy.db.partial')
    const insert = db.prepare('INSERT INTO todos (content, created_at, updated_at) VALUES (?, 1, 1)')
    const steps: BackupProgress[] = []
    const copying = copyOnThread(taskThread(), file, partial, (step) => {
      steps.push(step)
      // A write between steps: the copy neither restarts nor takes it in.
      insert.run('written during the copy')
    })
    const verification = await copying
    expect(verification.rowCounts.todos).toBe(100_000)
    expect(
      new Database(partial, { readonly: true }).prepare('SELECT count(*) AS n FROM todos').get(),
    ).toEqual({
      n: 100_000,
    })
    expect(db.prepare('SELECT count(*) AS n FROM todos').get()).toEqual({ n: 100_000 + steps.length })
    const copied = steps.filter((step) => step.stage === 'Copying the database')
    expect(copied.length).toBeGreaterThan(1)
    expect(copied.map((step) => step.done)).toEqual(copied.map((step) => step.done).sort((a, b) => a - b))
    expect(steps.at(-1)).toMatchObject({ stage: 'Verifying the copy', done: steps.at(-1)?.total })
    // Private to this user, as every file the core writes.
    if (process.platform !== 'win32') expect(fs.statSync(partial).mode & 0o077).toBe(0)
  })

  it('refuses a damaged database with the error the core thread gives, leaving no partial copy', async () => {
    const { file, db } = liveWithTodos(2_000)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    const bytes = fs.readFileSync(file)
    // Overwrite the middle of the file (table pages, not the header): the copy fails its integrity check.
    bytes.fill(0x5a, 16_384, bytes.length - 4_096)
    fs.writeFileSync(file, bytes)
    const live = new Database(file)
    onTestFinished(() => {
      live.close()
    })
    const dataDir = tempDir()
    const never = (): void => undefined
    const onThread = await createBackup(live, dataDir, 'manual', 1, never, taskThread()).catch(
      (e: unknown) => e,
    )
    const onCaller = await createBackup(live, dataDir, 'manual', 2, never).catch((e: unknown) => e)
    expect(onThread).toBeInstanceOf(AppError)
    expect(onCaller).toBeInstanceOf(Error)
    // What a client is told (the dispatcher's error shape) is the same either way.
    expect(toErrorShape(onThread)).toEqual(toErrorShape(onCaller))
    expect(toErrorShape(onThread).code).toBe('INTERNAL')
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([])
  })

  it('backups.create copies off the core thread, which answers meanwhile, and the backup counts as before', async () => {
    const t = openTestCore({ core: { checkpointer: { ...script, intervalMs: 50 } } })
    t.call('todos.create', { content: 'keep me' })
    const creating = t.callAsync('backups.create', {})
    let created = false
    void creating.then(() => (created = true))
    // The core's thread is free: a write made now is answered before the backup is done.
    t.call('todos.create', { content: 'while the backup is made' })
    expect(created).toBe(false)
    const { backup } = await creating
    expect(backup.integrity).toBe('ok')
    // The snapshot is taken when the thread begins the copy, before or after that write.
    expect([1, 2]).toContain(backup.rowCounts.todos)
    expect(fs.existsSync(backup.path)).toBe(true)
    expect(fs.existsSync(`${backup.path}.partial`)).toBe(false)
    expect(t.call('backups.list', {}).items.map((item) => item.name)).toContain(backup.name)
    const progress = t.eventsNamed('backups.progress').filter((event) => event.operation === 'backup')
    expect(progress.map((event) => event.stage)).toContain('Verifying the copy')
  })
})
