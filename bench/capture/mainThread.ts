import { Worker } from 'node:worker_threads'
import { performance } from 'node:perf_hooks'
import { STRIP_BYTES } from '../../src/main/electron/screenSource'
import { latency } from '../stats'
import { formatTable, ms } from '../table'

/** Ticks of the whole copy (the old way: 3 s at 5K) and of the strips (p99 of 100 is not just the slowest). */
const RUNS = 20
const STRIP_RUNS = 100
const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '5K (5120x2880)', width: 5120, height: 2880 },
]

const time = (work: () => void): number => {
  const started = performance.now()
  work()
  return performance.now() - started
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * What one capture tick holds Electron's main thread for, per step, with stand-ins (Electron cannot run here):
 * `toBitmap()` copies the pixels out of Chromium, stood in for by a copy of the same bytes; `crop()` + `toBitmap()`
 * of a strip copies only the strip's rows. Posting to the encoder's worker moves (transfers) the buffers.
 */
export async function measureMainThread(): Promise<string> {
  const rows: string[][] = []
  // The strips go to a thread that takes them and lets them go, as the encoder does once it has encoded the frame:
  // posted to a port nobody reads, every frame's strips stayed queued (1.2 GB at 5K over 20 ticks), and the
  // allocations of the next frame's strips were timed under that memory pressure.
  const encoder = new Worker(
    "require('node:worker_threads').parentPort.on('message', (strips) => { strips.length = 0 })",
    { eval: true },
  )
  try {
    for (const size of SIZES) {
      const bytes = size.width * size.height * 4
      const source = new Uint8Array(bytes).map((_, index) => index % 251)
      const whole: number[] = []
      const strip: number[] = []
      const post: number[] = []
      const stripRows = Math.max(1, Math.floor(STRIP_BYTES / (size.width * 4)))
      const stripBytes = stripRows * size.width * 4
      // The whole copy (what a tick did before) in its own loop: its garbage is not the strips' to collect.
      for (let run = 0; run < RUNS; run += 1) {
        whole.push(time(() => void source.slice()))
        await nextTurn()
      }
      for (let run = 0; run < STRIP_RUNS; run += 1) {
        const strips: Uint8Array[] = []
        for (let top = 0; top < bytes; top += stripBytes) {
          strip.push(time(() => void strips.push(source.slice(top, Math.min(bytes, top + stripBytes)))))
          await nextTurn()
        }
        post.push(
          time(() =>
            encoder.postMessage(
              strips,
              strips.map((part) => part.buffer as ArrayBuffer),
            ),
          ),
        )
      }
      const wholeMs = latency(whole)
      const stripMs = latency(strip)
      const postMs = latency(post)
      const mbOf = (n: number): string => `${(n / 1e6).toFixed(1)} MB`
      rows.push(
        [
          `${size.name}: whole toBitmap() copy, ${mbOf(bytes)} (before)`,
          ms(wholeMs.p50),
          ms(wholeMs.p99),
          ms(wholeMs.max),
        ],
        [
          `${size.name}: one strip, crop + toBitmap(), ${mbOf(stripBytes)} (${Math.ceil(bytes / stripBytes)} a frame)`,
          ms(stripMs.p50),
          ms(stripMs.p99),
          ms(stripMs.max),
        ],
        [
          `${size.name}: post the strips to the encoder, transferred`,
          ms(postMs.p50),
          ms(postMs.p99),
          ms(postMs.max),
        ],
      )
    }
  } finally {
    await encoder.terminate()
  }
  return `Electron main thread per capture step (${RUNS} ticks of the whole copy, ${STRIP_RUNS} of the strips; stand-ins for NativeImage; goal 4 ms a step)

${formatTable(
  [
    { title: 'step', align: 'left' },
    { title: 'p50 ms', align: 'right' },
    { title: 'p99 ms', align: 'right' },
    { title: 'max ms', align: 'right' },
  ],
  rows,
)}`
}
