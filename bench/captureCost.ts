import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MessageChannel } from 'node:worker_threads'
import { encodeFrame } from '../src/core/capture/encodeFrame'
import type { RawBitmap, ScreenFrame } from '../src/core/capture/frame'
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
const SCREEN_WIDTH = 1920
const SCREEN_HEIGHT = 1080
/** Few runs: each full-HD encode takes a few hundred ms, and the machine is shared. */
const ENCODE_RUNS = 5
const POST_RUNS = 20

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

/** A full-HD BGRA screenshot: window-like tiles with a text-like pattern inside, so the JPEG has work to do. */
function screenshot(seed: number): RawBitmap {
  const pixels = new Uint8Array(SCREEN_WIDTH * SCREEN_HEIGHT * 4)
  const tiles = patchwork(seed)
  for (let y = 0; y < SCREEN_HEIGHT; y += 1) {
    const tileRow = Math.floor((y * THUMB_HEIGHT) / SCREEN_HEIGHT) * THUMB_WIDTH
    for (let x = 0; x < SCREEN_WIDTH; x += 1) {
      const shade = tiles[tileRow + Math.floor((x * THUMB_WIDTH) / SCREEN_WIDTH)] ?? 0
      const ink = shade > 128 && y % 18 >= 4 && y % 18 < 12 && x % 8 < 5 ? 120 : 0
      pixels.set([shade, (shade + 40) % 256, Math.abs(shade - ink), 255], (y * SCREEN_WIDTH + x) * 4)
    }
  }
  return { width: SCREEN_WIDTH, height: SCREEN_HEIGHT, pixels, channelOrder: 'bgra' }
}

/**
 * What a full-HD frame costs to encode (now in the capture encoder's worker), and what stays on Electron's main
 * thread: toBitmap()'s copy out of Chromium (stood in for by a Buffer copy) and posting the bitmap to the worker.
 * Only the sending side is timed: that is what blocks the main thread.
 */
function measureEncodeCost(): string[][] {
  const source = screenshot(7)
  const encode: number[] = []
  let jpegBytes = 0
  for (let run = 0; run < ENCODE_RUNS; run += 1) {
    const bitmap = { ...source, pixels: source.pixels.slice() }
    encode.push(time(() => (jpegBytes = encodeFrame(bitmap, 70).image.data.byteLength)))
  }
  const copy: number[] = []
  const transfer: number[] = []
  const clone: number[] = []
  const { port1, port2 } = new MessageChannel()
  try {
    for (let run = 0; run < POST_RUNS; run += 1) {
      let copied = new Uint8Array(0)
      copy.push(time(() => (copied = source.pixels.slice())))
      transfer.push(time(() => port1.postMessage({ ...source, pixels: copied }, [copied.buffer])))
      clone.push(time(() => port1.postMessage(source)))
    }
  } finally {
    port1.close()
    port2.close()
  }
  const row = (label: string, measured: Latency): string[] => [label, ms(measured.p50), ms(measured.max)]
  const size = `${SCREEN_WIDTH}x${SCREEN_HEIGHT}`
  return [
    row(
      `encode ${size} BGRA → grey copy + JPEG q70 (${Math.round(jpegBytes / 1000)} kB), worker`,
      latency(encode),
    ),
    row(
      `main thread: copy the ${Math.round((SCREEN_WIDTH * SCREEN_HEIGHT * 4) / 1e6)} MB bitmap (toBitmap stand-in)`,
      latency(copy),
    ),
    row('main thread: post the bitmap to the worker, transferred', latency(transfer)),
    row('main thread: post the bitmap to the worker, copied (not used)', latency(clone)),
  ]
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
    const encoding = measureEncodeCost()
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

Capture encoding per frame (${ENCODE_RUNS} encodes, ${POST_RUNS} posts; the main thread's budget is 16 ms)

${formatTable(
  [
    { title: 'step', align: 'left' },
    { title: 'p50 ms', align: 'right' },
    { title: 'max ms', align: 'right' },
  ],
  encoding,
)}`
  } finally {
    closeDatabase(db)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
