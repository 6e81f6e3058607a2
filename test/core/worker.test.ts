import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { CoreConnection } from '../../src/core/runtime/connection'
import { startCoreWorker } from '../../src/core/runtime/connection'
import type { CoreEvent } from '../../src/core/runtime/createCore'
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations'
import { DATABASE_FILE, closeDatabase, migrate } from '../../src/core/db/open'
import { AppError } from '../../src/shared/contract/errors'
import { openTestCore } from '../support/core'
import { tempDir } from '../support/tempDir'
import { createClient } from '../../src/shared/client'

const WORKER = path.resolve(__dirname, '../../src/core/runtime/worker.ts')

function start(dataDir: string): Promise<CoreConnection> {
  return startCoreWorker({ workerPath: WORKER, execArgv: ['--import', 'tsx'], dataDir, validateOutput: true })
}

async function started(dataDir = tempDir()): Promise<CoreConnection> {
  const connection = await start(dataDir)
  onTestFinished(() => connection.close())
  return connection
}

describe('the core in a worker thread', () => {
  it('answers calls, sends events and reports errors as values', async () => {
    const dataDir = tempDir()
    const connection = await started(dataDir)
    expect(connection.dataDir).toBe(dataDir)
    expect(connection.schemaVersion).toBe(LATEST_SCHEMA_VERSION)

    const events: CoreEvent[] = []
    const unsubscribe = connection.onEvent((event) => events.push(event))
    const client = createClient(connection)
    const created = await client.call('conversations.create', { title: 'from the worker' })
    expect(created).toMatchObject({ title: 'from the worker', status: 'active' })
    const conversationId = created.id
    const messageId = (await client.call('messages.startStream', { conversationId })).id
    expect(await connection.call('messages.appendChunk', { id: messageId, chunk: 'hi' })).toEqual({
      ok: true,
      result: { id: messageId, length: 2 },
    })
    expect(events.map((event) => event.name)).toEqual([
      'conversations.changed',
      'messages.updated',
      'messages.delta',
    ])
    expect(events[2]).toEqual({
      name: 'messages.delta',
      data: { messageId, conversationId, chunk: 'hi', length: 2 },
    })

    unsubscribe()
    await connection.call('messages.finish', { id: messageId })
    expect(events).toHaveLength(3)

    expect(await connection.call('vaults.get', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await connection.call('vaults.get', { id: 'one' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: ['id'] }] },
    })
    expect(await connection.call('nope.nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    })
    expect(await connection.call('system.health', {})).toMatchObject({
      ok: true,
      result: { ok: true, dataDir },
    })
  })

  it('finishes every call already sent before it closes, and refuses calls after', async () => {
    const dataDir = tempDir()
    const connection = await start(dataDir)
    const calls = Array.from({ length: 50 }, (_unused, index) =>
      connection.call('todos.create', { content: `todo ${index}` }),
    )
    const closing = connection.close()
    expect(await connection.call('todos.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    })
    await closing
    const responses = await Promise.all(calls)
    expect(responses.every((response) => response.ok)).toBe(true)
    await connection.close()

    // Closed cleanly: the WAL was checkpointed into the file, and every acknowledged write is there.
    expect(
      fs.existsSync(path.join(dataDir, `${DATABASE_FILE}-wal`))
        ? fs.statSync(path.join(dataDir, `${DATABASE_FILE}-wal`)).size
        : 0,
    ).toBe(0)
    const reopened = openTestCore({ dataDir })
    expect(reopened.call('todos.list', {}).total).toBe(50)
  })

  it('refuses to start on a database from a newer Cairn, with the clear message, leaving it untouched', async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, DATABASE_FILE)
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    migrate(db)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    closeDatabase(db)
    const bytes = fs.readFileSync(file)

    const failure = await start(dataDir).then(
      () => null,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(AppError)
    expect(failure).toMatchObject({ code: 'FAILED_PRECONDITION' })
    expect((failure as AppError).message).toMatch(/written by a newer version of Cairn/)
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
    // Beside the untouched database only the owner's lock file (cairn.lock.db), which holds no data.
    expect(fs.readdirSync(dataDir)).toEqual([DATABASE_FILE, 'cairn.lock.db'])
  })
})
