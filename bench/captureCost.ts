import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ScreenFrame } from '../src/core/capture/frame'
import { CapturePipeline } from '../src/core/capture/pipeline'
import { DEFAULT_EXCLUSIONS, compileExclusions } from '../src/core/capture/privacy'
import { systemClock } from '../src/core/platform/clock'
import { closeDatabase, openDatabase } from '../src/core/db/open'
import type { Latency } from './stats'
import { latency } from './stats'
import { formatTable, ms } from './table'

/** The grey thumbnail the screen source hands over (Electron: NativeImage.resize) and a typical JPEG size. */
const THUMB_WIDTH = 256
const THUMB_HEIGHT = 160
const JPEG_BYTES = 180_000
const FRAMES = 300

function patchwork(seed: number): Uint8Array {
  const pixels = new Uint8Array(THUMB_WIDTH * THUMB_HEIGHT)
  let state = seed + 1
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31)
  const tiles = 24
  const shades = Array.from({ length: tiles * tiles }, () => next() % 256)
  for (let y = 0; y < THUMB_HEIGHT; y += 1) {
    const row = Math.floor((y * tiles) / THUMB_HEIGHT) * tiles
    for (let x = 0; x < THUMB_WIDTH; x += 1) {
      pixels[y * THUMB_WIDTH + x] = shades[row + Math.floor((x * tiles) / THUMB_WIDTH)] ?? 0
    }
  }
  return pixels
}

function frame(pixels: Uint8Array, at: number, jpeg: Uint8Array, window: ScreenFrame['window']): ScreenFrame {
  return {
    displayId: 'display:1',
    capturedAt: at,
    image: { data: jpeg, format: 'jpeg' },
    gray: { width: THUMB_WIDTH, height: THUMB_HEIGHT, pixels },
    window,
  }
}

function time(work: () => void): number {
  const started = performance.now()
  work()
  return performance.now() - started
}

/** Per-frame cost of the capture path on a real data folder: privacy check, hash, compare, write, record. */
export function measureCaptureCost(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-capture-bench-'))
  const { db } = openDatabase(dataDir)
  try {
    const pipeline = new CapturePipeline({
      db,
      clock: systemClock,
      dataDir,
      exclusions: () => compileExclusions(DEFAULT_EXCLUSIONS),
    })
    const jpeg = new Uint8Array(JPEG_BYTES).map((_, index) => (index * 7919) % 256)
    const window = { appName: 'Code', title: 'pipeline.ts — cairn' }
    const screens = Array.from({ length: FRAMES }, (_, index) => patchwork(index))
    const base = Date.now()
    const changed: number[] = []
    const unchanged: number[] = []
    const excluded: number[] = []
    screens.forEach((pixels, index) => {
      changed.push(time(() => pipeline.process([frame(pixels, base + index * 1000, jpeg, window)])))
      unchanged.push(time(() => pipeline.process([frame(pixels, base + index * 1000 + 500, jpeg, window)])))
      excluded.push(
        time(() =>
          pipeline.process([
            frame(pixels, base + index * 1000 + 700, jpeg, { appName: '1Password', title: 'Vault' }),
          ]),
        ),
      )
    })
    const stored = Number(db.prepare('SELECT count(*) FROM captures').pluck().get())
    if (stored !== FRAMES) throw new Error(`expected ${FRAMES} stored frames, found ${stored}`)
    const row = (label: string, measured: Latency): string[] => [label, ms(measured.p50), ms(measured.p99)]
    return `Capture path per frame (${FRAMES} frames, ${THUMB_WIDTH}x${THUMB_HEIGHT} grey thumbnail, ${Math.round(JPEG_BYTES / 1000)} kB JPEG)

${formatTable(
  [
    { title: 'frame', align: 'left' },
    { title: 'p50 ms', align: 'right' },
    { title: 'p99 ms', align: 'right' },
  ],
  [
    row('new screen: hash + compare + write image + record', latency(changed)),
    row('unchanged screen: hash + compare + tick', latency(unchanged)),
    row('excluded window: rule match + tick (nothing hashed or written)', latency(excluded)),
  ],
)}

Encoding, bytes per hour and the main thread's share: npm run bench:capture (bench/capture/main.ts).`
  } finally {
    closeDatabase(db)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
