import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ScreenFrame } from '../../src/core/capture/frame'
import { differenceHash, hammingDistance } from '../../src/core/capture/perceptualHash'
import { CapturePipeline } from '../../src/core/capture/pipeline'
import { DEFAULT_EXCLUSIONS, compileExclusions } from '../../src/core/capture/privacy'
import { openDatabase } from '../../src/core/db/open'
import { FakeClock } from '../support/fakeClock'
import { HEIGHT, WIDTH, screenPixels } from '../support/fakeScreen'
import { tempDir } from '../support/tempDir'

const screen = screenPixels

/** The same screen with a blinking cursor: a few pixels changed. */
function withCursor(pixels: Uint8Array): Uint8Array {
  const copy = pixels.slice()
  for (let y = 10; y < 14; y += 1) copy[y * WIDTH + 20] = 255 - (copy[y * WIDTH + 20] ?? 0)
  return copy
}

function frame(
  pixels: Uint8Array,
  at: number,
  window: ScreenFrame['window'] = { appName: 'Code', title: 'pipeline.ts' },
): ScreenFrame {
  return {
    displayId: 'display:1',
    capturedAt: at,
    image: { data: new Uint8Array([0xff, 0xd8, ...pixels.slice(0, 32)]), format: 'jpeg' },
    gray: { width: WIDTH, height: HEIGHT, pixels },
    window,
  }
}

function setup(dataDir = tempDir()) {
  const { db } = openDatabase(dataDir)
  const clock = new FakeClock(Date.UTC(2026, 10, 21, 9))
  const stages: string[] = []
  const pipeline = new CapturePipeline({
    db,
    clock,
    dataDir,
    exclusions: () => compileExclusions(DEFAULT_EXCLUSIONS),
    onStage: (stage, _ms, ok) => stages.push(`${stage}:${ok ? 'ok' : 'failed'}`),
  })
  const ticks = () =>
    db.prepare('SELECT outcome, reason FROM capture_ticks ORDER BY id').all() as {
      outcome: string
      reason: string
    }[]
  const captures = () =>
    db.prepare('SELECT path, phash, app_name FROM captures ORDER BY id').all() as {
      path: string
      phash: string
    }[]
  return { db, clock, pipeline, dataDir, ticks, captures, stages }
}

const files = (dir: string): string[] =>
  fs.existsSync(path.join(dir, 'captures'))
    ? (fs.readdirSync(path.join(dir, 'captures'), { recursive: true }) as string[])
    : []

describe('the perceptual hash', () => {
  it('puts a cursor blink a few bits away and a different screen far away', () => {
    const base = differenceHash({ width: WIDTH, height: HEIGHT, pixels: screen(1) })
    expect(base).toMatch(/^[0-9a-f]{16}$/)
    expect(
      hammingDistance(base, differenceHash({ width: WIDTH, height: HEIGHT, pixels: withCursor(screen(1)) })),
    ).toBeLessThanOrEqual(2)
    expect(
      hammingDistance(base, differenceHash({ width: WIDTH, height: HEIGHT, pixels: screen(2) })),
    ).toBeGreaterThan(10)
  })
})

describe('the capture pipeline', () => {
  it('stores a new screen, drops a barely changed one, stores a changed one, and ticks each', () => {
    const t = setup()
    const at = t.clock.now()
    const results = t.pipeline.process([frame(screen(1), at)])
    expect(results).toEqual([{ displayId: 'display:1', outcome: 'captured', reason: '', captureId: 1 }])
    expect(t.pipeline.process([frame(withCursor(screen(1)), at + 15_000)])[0]?.outcome).toBe('unchanged')
    expect(t.pipeline.process([frame(screen(2), at + 30_000)])[0]?.outcome).toBe('captured')
    expect(t.ticks().map((tick) => tick.outcome)).toEqual(['captured', 'unchanged', 'captured'])
    expect(t.captures()).toHaveLength(2)
    const stored = t.captures()[0]?.path ?? ''
    expect(stored).toBe(`captures/2026-11-21/${at}-display_1.jpg`)
    expect(fs.readFileSync(path.join(t.dataDir, stored)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
    expect(files(t.dataDir).filter((file) => file.endsWith('.tmp'))).toEqual([])
    expect(t.stages).toContain('capture.write:ok')
  })

  it('never writes, hashes or keeps a frame of an excluded window, but counts the skip', () => {
    const t = setup()
    const at = t.clock.now()
    const secret = frame(screen(7), at, { appName: '1Password 8', title: 'Vault' })
    const privateWindow = frame(screen(8), at + 1, {
      appName: 'Firefox',
      title: 'Bank — Mozilla Firefox Private Browsing',
    })
    expect(t.pipeline.process([secret, privateWindow]).map((result) => result.outcome)).toEqual([
      'excluded',
      'excluded',
    ])
    expect(t.captures()).toEqual([])
    expect(files(t.dataDir)).toEqual([])
    expect(t.ticks()).toEqual([
      { outcome: 'excluded', reason: 'excluded by app "1password"' },
      { outcome: 'excluded', reason: 'excluded by window title matching "Private Browsing"' },
    ])
    expect(t.stages).toEqual([])
  })

  it('stores nothing when rules exist but the OS names no window to check them against, and says why', () => {
    const t = setup()
    const blind = { ...frame(screen(9), t.clock.now(), null), visibleWindows: [] }
    expect(t.pipeline.process([blind]).map((result) => result.outcome)).toEqual(['excluded'])
    expect(t.captures()).toEqual([])
    expect(files(t.dataDir)).toEqual([])
    expect(t.ticks()[0]?.reason).toMatch(/no window.*exclusion rules could not be checked/)
  })

  it('remembers recent screens across a restart, so the same screen is not stored twice', () => {
    const dataDir = tempDir()
    const first = setup(dataDir)
    first.pipeline.process([frame(screen(3), first.clock.now())])
    first.db.close()
    const second = setup(dataDir)
    expect(second.pipeline.process([frame(screen(3), second.clock.now() + 60_000)])[0]?.outcome).toBe(
      'unchanged',
    )
    expect(second.captures()).toHaveLength(1)
  })

  it('takes the image back when recording it fails, and says why', () => {
    const t = setup()
    t.db.exec(
      "CREATE TEMP TRIGGER refuse BEFORE INSERT ON captures BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    )
    const result = t.pipeline.process([frame(screen(4), t.clock.now())])[0]
    expect(result).toMatchObject({ outcome: 'failed', reason: 'disk trouble', captureId: null })
    expect(files(t.dataDir).filter((file) => file.endsWith('.jpg'))).toEqual([])
    expect(t.ticks()).toEqual([{ outcome: 'failed', reason: 'disk trouble' }])
  })

  it('keeps both images when two frames share a display and a millisecond', () => {
    const t = setup()
    const at = t.clock.now()
    t.pipeline.process([frame(screen(5), at), frame(screen(6), at)])
    expect(t.captures().map((capture) => capture.path)).toEqual([
      `captures/2026-11-21/${at}-display_1.jpg`,
      `captures/2026-11-21/${at}-display_1-1.jpg`,
    ])
  })

  it('records a failed or paused tick without a frame, and fails a frame with an empty image', () => {
    const t = setup()
    t.pipeline.recordSkip('paused', 'paused from the tray')
    t.pipeline.recordSkip('failed', 'the screen source threw: no permission', 'display:2')
    const empty = {
      ...frame(screen(1), t.clock.now()),
      gray: { width: 0, height: 0, pixels: new Uint8Array() },
    }
    expect(t.pipeline.process([empty])[0]?.outcome).toBe('failed')
    expect(t.ticks().map((tick) => tick.outcome)).toEqual(['paused', 'failed', 'failed'])
  })
})

describe('exclusion rules', () => {
  it('match app names in any case and title patterns, and treat a broken pattern as text', () => {
    const matcher = compileExclusions({ apps: ['keepass'], titles: ['(unclosed', 'secret\\s+plan'] })
    expect(matcher.match({ appName: 'KeePassXC', title: 'x' })).toBe('app "keepass"')
    expect(matcher.match({ appName: 'Notes', title: 'my (unclosed thought' })).toBe(
      'window title matching "(unclosed"',
    )
    expect(matcher.match({ appName: 'Notes', title: 'The SECRET   plan' })).toBe(
      'window title matching "secret\\s+plan"',
    )
    expect(matcher.match({ appName: 'Notes', title: 'groceries' })).toBeNull()
    expect(matcher.match(null)).toBeNull()
  })
})
