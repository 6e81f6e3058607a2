import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { FIXTURE_SCREEN_ENV } from '../../src/core/capture/fixtureScreen'
import { chromiumMissingReason } from '../../e2e/browser'
import { startHostProcess } from '../support/hostProcess'
import type { HostProcess } from '../support/hostProcess'
import { writeRecallScreens } from '../support/recallScreens'
import { RpcClient } from '../support/rpcClient'
import { tempDir } from '../support/tempDir'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the OCR restart test: ${missing}`)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function readDb<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'cairn.db'), { readonly: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

const texts = (dataDir: string) =>
  new Map(
    readDb(dataDir, (db) =>
      db
        .prepare<[], { capture_id: number; recognized_at: number }>(
          'SELECT capture_id, recognized_at FROM capture_text',
        )
        .all(),
    ).map((row) => [row.capture_id, row.recognized_at]),
  )

describe.skipIf(missing !== null)('restarting the host in the middle of OCR', () => {
  it('loses no frame and reads none twice, killed (SIGKILL) while frames are being read', async () => {
    const screens = tempDir()
    const frames = 6
    await writeRecallScreens(screens, frames - 1)
    const dataDir = tempDir()
    let host: HostProcess | null = null
    onTestFinished(() => void host?.child.kill('SIGKILL'))
    const start = async () => {
      host = await startHostProcess(['--data-dir', dataDir, '--port', '0'], 20_000, {
        [FIXTURE_SCREEN_ENV]: screens,
      })
      const client = await RpcClient.connect(host.ready.rpc, host.ready.token)
      onTestFinished(() => client.close())
      return client
    }
    const kill = async () => {
      host?.child.kill('SIGKILL')
      expect(await host?.exited).toBe('SIGKILL')
      host = null
    }

    const client = await start()
    await client.call('settings.set', { key: 'capture.intervalSeconds', value: 300 })
    await client.call('settings.set', { key: 'capture.enabled', value: true })
    for (let index = 0; index < frames; index += 1) await client.call('capture.captureNow')
    const captured = readDb(dataDir, (db) => db.prepare('SELECT id FROM captures').pluck().all())
    expect(captured.length).toBeGreaterThanOrEqual(frames)
    while (texts(dataDir).size === 0) await sleep(50)
    await kill()
    const beforeKill = texts(dataDir)
    expect(beforeKill.size).toBeLessThan(captured.length)

    // Killed again shortly after each start, wherever the reading happens to be.
    for (let round = 0; round < 2; round += 1) {
      await start()
      await sleep(500 + Math.floor(Math.random() * 1500))
      await kill()
    }

    await start()
    let now = texts(dataDir)
    for (let waited = 0; now.size < captured.length && waited < 150_000; waited += 200) {
      await sleep(200)
      now = texts(dataDir)
    }
    expect([...now.keys()].sort((a, b) => a - b)).toEqual(captured)
    // Text read before a kill was kept and never read again.
    for (const [id, at] of beforeKill) expect(now.get(id)).toBe(at)
    const items = readDb(dataDir, (db) =>
      db
        .prepare<[], { status: string; count: number }>(
          "SELECT status, count(*) AS count FROM work_items WHERE kind = 'ocr' GROUP BY status",
        )
        .all(),
    )
    expect(items).toEqual([{ status: 'done', count: captured.length }])
  }, 240_000)
})
