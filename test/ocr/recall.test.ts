import { describe, expect, it, onTestFinished } from 'vitest'
import { FIXTURE_SCREEN_ENV } from '../../src/core/capture/fixtureScreen'
import type { SearchHit } from '../../src/shared/contract/domains/search'
import { chromiumMissingReason } from '../../e2e/browser'
import { startHostProcess, stopHostProcess } from '../support/hostProcess'
import { PIXEL_WORD, TITLE_WORD, writeRecallScreens } from '../support/recallScreens'
import { RpcClient } from '../support/rpcClient'
import { tempDir } from '../support/tempDir'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the recall test: ${missing}`)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(missing !== null)('recall with AI off: a real screenshot found by its pixels', () => {
  it('reads a captured frame on the device and finds it by a word in its pixels, its title and a typo; a Chinese todo by a word inside its sentence', async () => {
    const screens = tempDir()
    await writeRecallScreens(screens)
    const dataDir = tempDir()
    const host = await startHostProcess(['--data-dir', dataDir, '--port', '0'], 20_000, {
      [FIXTURE_SCREEN_ENV]: screens,
    })
    onTestFinished(() => stopHostProcess(host))
    const client = await RpcClient.connect(host.ready.rpc, host.ready.token)
    onTestFinished(() => client.close())
    const search = async (query: string, kinds?: string[]) =>
      await client.call<{ hits: SearchHit[]; fuzzy?: boolean }>('search.query', {
        query,
        ...(kinds ? { kinds } : {}),
      })

    // Capture is off until the person turns it on (consent); the long interval leaves the frames to Capture now.
    await client.call('settings.set', { key: 'capture.intervalSeconds', value: 300 })
    await client.call('settings.set', { key: 'capture.enabled', value: true })
    const { ticks } = await client.call<{ ticks: { outcome: string; captureId: number }[] }>(
      'capture.captureNow',
    )
    expect(ticks).toMatchObject([{ outcome: 'captured' }])
    const captureId = ticks[0]?.captureId
    // The title is searchable at once; the pixels once OCR has read the frame in the background.
    expect((await search(TITLE_WORD)).hits).toMatchObject([{ kind: 'screen', id: captureId }])
    let byPixels = await search(PIXEL_WORD)
    for (let waited = 0; byPixels.hits.length === 0 && waited < 120_000; waited += 250) {
      await sleep(250)
      byPixels = await search(PIXEL_WORD)
    }
    expect(byPixels.hits).toMatchObject([
      { kind: 'screen', id: captureId, title: `${TITLE_WORD} budget review — Mail` },
    ])
    const hit = byPixels.hits[0]
    expect(hit?.highlights.map(([start, end]) => hit.snippet.slice(start, end).toLowerCase())).toContain(
      PIXEL_WORD,
    )
    expect(byPixels.fuzzy).toBeUndefined()
    // The frame is stored as capture writes it now (lossless WebP) and served with its own type.
    const shown = await client.call<{ dataUrl: string | null }>('capture.image', { id: captureId })
    expect(shown.dataUrl).toMatch(/^data:image\/webp;base64,/)

    // One letter wrong, in the pixels' word and in the title's.
    const typo = await search('quantaflix')
    expect(typo).toMatchObject({ fuzzy: true, hits: [{ kind: 'screen', id: captureId }] })
    expect(await search('glimmerstome')).toMatchObject({
      fuzzy: true,
      hits: [{ kind: 'screen', id: captureId }],
    })
    // A short word is never "corrected" into another.
    expect((await search('tean ')).hits).toEqual([])

    const todo = await client.call<{ id: number }>('todos.create', {
      content: '我们明天需要完成季度报告的初稿',
    })
    for (const word of ['季度报告', '报告', '初稿', '需要完成']) {
      expect((await search(word, ['todo'])).hits, word).toMatchObject([{ kind: 'todo', id: todo.id }])
    }
    expect((await search('明年', ['todo'])).hits).toEqual([])
  }, 180_000)
})
