import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { migrate } from '../../src/core/db/open'
import { verifyAndSyncCopy } from '../../src/core/backup/verifyThread'
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

/** A copy as the online backup leaves it: the current schema with a few rows, closed. */
function copyWithTodos(todos: number): string {
  const file = path.join(tempDir(), 'copy.db.partial')
  const db = new Database(file)
  migrate(db)
  const insert = db.prepare('INSERT INTO todos (content, created_at, updated_at) VALUES (?, 1, 1)')
  for (let index = 0; index < todos; index += 1) insert.run(`todo ${index}`)
  db.close()
  return file
}

/** Resolves with the order in which the check's answer and a turn of this thread's event loop came. */
async function orderOf(check: Promise<unknown>): Promise<string[]> {
  const order: string[] = []
  setImmediate(() => order.push('event loop turned'))
  await check.then(() => order.push('checked'))
  await new Promise((resolve) => setImmediate(resolve))
  return order
}

describe('verifying a backup copy on its own thread', () => {
  it('answers what the copy holds while the calling thread goes on', async () => {
    const file = copyWithTodos(3)
    const check = verifyAndSyncCopy(file, taskThread())
    const order = await orderOf(check)
    expect(order).toEqual(['event loop turned', 'checked'])
    const verification = await check
    expect(verification.rowCounts.todos).toBe(3)
    expect(verification.schemaVersion).toBeGreaterThan(0)
  })

  it('without a script checks on the calling thread, before the event loop turns', async () => {
    const file = copyWithTodos(2)
    const check = verifyAndSyncCopy(file, undefined)
    expect(await orderOf(check)).toEqual(['checked', 'event loop turned'])
    expect((await check).rowCounts.todos).toBe(2)
  })

  it('a damaged copy is refused from the thread with the error the caller would have answered', async () => {
    const file = copyWithTodos(500)
    const bytes = fs.readFileSync(file)
    // Overwrite the middle of the file (table pages, not the header): integrity_check or the open fails.
    bytes.fill(0x5a, 8192, bytes.length - 4096)
    fs.writeFileSync(file, bytes)
    const onThread = await verifyAndSyncCopy(file, taskThread()).catch((error: unknown) => error)
    const onCaller = await verifyAndSyncCopy(file, undefined).catch((error: unknown) => error)
    expect(onThread).toBeInstanceOf(AppError)
    expect(onCaller).toBeInstanceOf(Error)
    // What a client is told (the dispatcher's error shape) is the same either way.
    expect(toErrorShape(onThread)).toEqual(toErrorShape(onCaller))
  })

  it('backups.create verifies off the core thread and the backup counts as before', async () => {
    const t = openTestCore({ core: { checkpointer: { ...script, intervalMs: 50 } } })
    t.call('todos.create', { content: 'keep me' })
    const created = await t.callAsync('backups.create', {})
    expect(created.backup.integrity).toBe('ok')
    expect(created.backup.rowCounts.todos).toBe(1)
    expect(fs.existsSync(created.backup.path)).toBe(true)
    expect(fs.existsSync(`${created.backup.path}.partial`)).toBe(false)
    expect(t.call('backups.list', {}).items.map((item) => item.name)).toContain(created.backup.name)
  })
})
