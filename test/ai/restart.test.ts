import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { localDayKey, localDayStart } from '../../src/core/ai/planner'
import { reportTitle } from '../../src/core/ai/processors/dailyReport'
import type { AiStatus } from '../../src/shared/contract/domains/ai'
import { FakeLlmServer } from '../support/fakeLlmServer'
import { startHostProcess } from '../support/hostProcess'
import type { HostProcess } from '../support/hostProcess'
import { RpcClient } from '../support/rpcClient'
import { insertFrames } from './captures'
import { ScriptedProvider } from './scriptedProvider'

const MINUTE = 60_000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await sleep(50)
  }
}

function readDb<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'cairn.db'), { readonly: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

describe('restarting the host in the middle of AI processing', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-ai-restart-'))
  let server: FakeLlmServer
  let host: HostProcess | null = null
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  beforeEach(async () => {
    server = await new FakeLlmServer().start()
  })
  afterEach(async () => {
    host?.child.kill('SIGKILL')
    await server.stop()
  })

  const start = async (): Promise<RpcClient> => {
    host = await startHostProcess(['--data-dir', dataDir, '--port', '0'])
    return RpcClient.connect(host.ready.rpc, host.ready.token)
  }
  const kill = async (): Promise<void> => {
    host?.child.kill('SIGKILL')
    expect(await host?.exited).toBe('SIGKILL')
    host = null
  }
  const running = () =>
    readDb(dataDir, (db) =>
      db.prepare("SELECT count(*) FROM work_items WHERE status = 'running'").pluck().get(),
    )

  it('loses no queued work and duplicates nothing, killed (SIGKILL) during vision, during todo extraction and three times at random', async () => {
    const provider = new ScriptedProvider(server)
    provider.slowMs = 400
    const yesterday = localDayStart(Date.now(), 1)
    const noon = yesterday + 12 * 60 * MINUTE
    // Three 15-minute windows with frames (12:00, 12:15, 14:00), all of yesterday.
    const frames = [
      noon + MINUTE,
      noon + 5 * MINUTE,
      noon + 20 * MINUTE,
      noon + 122 * MINUTE,
      noon + 123 * MINUTE,
    ]

    let client = await start()
    insertFrames(dataDir, frames)
    for (const [key, value] of [
      ['ai.provider', 'custom'],
      ['ai.baseUrl', server.baseUrl],
      ['ai.chatModel', 'chat-model'],
      ['ai.visionModel', 'vision-model'],
    ] as const) {
      await client.call('settings.set', { key, value })
    }
    await client.call('ai.processNow')
    // Killed with two frames described and the third one's request in flight.
    await until('two frames described', () => provider.calls.vision >= 3)
    await sleep(100)
    await kill()
    expect(running()).toBe(1)

    client = await start()
    const poke = setInterval(() => void client.request('ai.processNow', {}).catch(() => undefined), 200)
    try {
      await until('a todo extraction in flight', () => provider.calls.todos >= 1)
      await sleep(100)
    } finally {
      clearInterval(poke)
    }
    await kill()
    expect(running()).toBe(1)

    // Then at random moments, wherever the work happens to be.
    provider.slowMs = 150
    for (let round = 0; round < 3; round += 1) {
      await start()
      await sleep(150 + Math.floor(Math.random() * 600))
      await kill()
    }

    provider.slowMs = 0
    client = await start()
    let status: AiStatus | null = null
    await until(
      'all work done',
      async () => {
        await client.call('ai.processNow')
        status = await client.call<AiStatus>('ai.status')
        return status.queue.queued === 0 && status.queue.running === 0 && provider.calls.report >= 1
      },
      30_000,
    )
    expect(status).toMatchObject({ queue: { failed: 0 }, undescribedFrames: 0 })

    const counts = readDb(dataDir, (db) => ({
      contexts: db.prepare('SELECT count(*) FROM capture_contexts').pluck().get(),
      activities: db
        .prepare("SELECT count(*) FROM activities WHERE json_extract(metadata, '$.source') = 'ai'")
        .pluck()
        .get(),
      todos: db.prepare('SELECT content FROM todos ORDER BY content').pluck().all(),
      reports: db.prepare("SELECT title FROM vaults WHERE document_type = 'daily_report'").pluck().all(),
      work: db.prepare('SELECT kind, count(*) AS n FROM work_items GROUP BY kind ORDER BY kind').all(),
    }))
    expect(counts).toEqual({
      contexts: 5,
      activities: 3,
      todos: ['Book the dentist', 'Send the quarterly report to Anna'],
      reports: [reportTitle(localDayKey(yesterday))],
      work: [
        { kind: 'activity', n: 3 },
        { kind: 'dailyReport', n: 1 },
        { kind: 'todos', n: 3 },
        { kind: 'vision', n: 5 },
      ],
    })
    // The killed requests were repeated, their results written once.
    expect(provider.calls.vision).toBeGreaterThan(5)
  }, 90_000)
})
