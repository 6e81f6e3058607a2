import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { FIXTURE_SCREEN_ENV } from '../../src/core/capture/fixtureScreen'
import { startHostProcess, stopHostProcess } from '../support/hostProcess'
import { RpcClient } from '../support/rpcClient'
import { tempDir } from '../support/tempDir'

/** Bytes that differ from file to file; the fixture source hashes them, it does not decode them. */
const fakeImage = (seed: number): Buffer =>
  Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * seed * 31 + seed * 7) % 256))

describe('capture in the headless host with a fixture screen (test-only)', () => {
  it('captures, excludes and deduplicates over the real WebSocket, and serves the kept image', async () => {
    const screens = tempDir()
    fs.writeFileSync(path.join(screens, 'a-editor.png'), fakeImage(3))
    fs.writeFileSync(path.join(screens, 'b-vault.png'), fakeImage(5))
    fs.writeFileSync(
      path.join(screens, 'b-vault.json'),
      JSON.stringify({ appName: '1Password 8', title: 'Personal vault' }),
    )
    fs.writeFileSync(path.join(screens, 'c-editor-again.png'), fakeImage(3))
    const dataDir = tempDir()
    const host = await startHostProcess(['--data-dir', dataDir, '--port', '0'], 20_000, {
      [FIXTURE_SCREEN_ENV]: screens,
    })
    onTestFinished(() => stopHostProcess(host))
    const client = await RpcClient.connect(host.ready.rpc, host.ready.token)
    onTestFinished(() => client.close())

    // A new data folder: capture is off until turned on, and nothing is taken meanwhile.
    expect(await client.call('capture.status')).toMatchObject({ available: true, state: 'off' })
    expect((await client.request('capture.captureNow', {})).error?.data).toMatchObject({
      code: 'FAILED_PRECONDITION',
    })
    await client.call('settings.set', { key: 'capture.enabled', value: true })
    expect(await client.call('capture.status')).toMatchObject({ available: true, state: 'running' })
    const first = await client.call<{ ticks: { outcome: string; captureId: number | null }[] }>(
      'capture.captureNow',
    )
    expect(first.ticks).toMatchObject([{ displayId: 'fixture', outcome: 'captured' }])
    expect((await client.call<{ ticks: unknown[] }>('capture.captureNow')).ticks).toMatchObject([
      { outcome: 'excluded', reason: 'excluded by app "1password"' },
    ])
    expect((await client.call<{ ticks: unknown[] }>('capture.captureNow')).ticks).toMatchObject([
      { outcome: 'unchanged' },
    ])
    await client.waitForEvent('capture.status')

    const stored = fs.readdirSync(path.join(dataDir, 'captures'), { recursive: true }) as string[]
    expect(stored.filter((name) => name.endsWith('.png'))).toHaveLength(1)
    const list = await client.call<{ total: number; items: { id: number; imageAvailable: boolean }[] }>(
      'capture.list',
      { from: 0, to: Date.now() + 1000 },
    )
    expect(list).toMatchObject({ total: 1, items: [{ id: first.ticks[0]?.captureId, imageAvailable: true }] })
    const image = await client.call<{ dataUrl: string }>('capture.image', { id: first.ticks[0]?.captureId })
    expect(image.dataUrl).toBe(`data:image/png;base64,${fakeImage(3).toString('base64')}`)
    expect(await client.call('capture.status')).toMatchObject({
      today: { captured: 1, excluded: 1, unchanged: 1 },
    })
  })
})
