/**
 * npm run bench:capture — what a captured hour costs on disk and in CPU for each way of storing frames, on
 * realistic screens rendered here in Chromium (fixtures.ts), and what a capture tick holds Electron's main
 * thread for at 1920x1080 and 5K (mainThread.ts). See docs/CAPTURE.md.
 */
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import { grayThumbnail } from '../../src/core/capture/encodeFrame'
import { encodeJpeg } from './jpegBaseline'
import { differenceHash, hammingDistance } from '../../src/core/capture/perceptualHash'
import { encodeWebp } from '../../src/core/capture/encodeFrame'
import type { RawBitmap } from '../../src/core/capture/frame'
import { latency } from '../stats'
import { formatTable, ms } from '../table'
import { FIXTURE_HEIGHT, FIXTURE_WIDTH, fixtureSet } from './fixtures'
import { measureMainThread } from './mainThread'
import { changedTilesStrategy } from './tiles'

/** The app's defaults: a tick every 15 s, and a frame within 4 bits of one of the last 5 is a duplicate. */
const INTERVAL_SECONDS = 15
const TICKS_PER_HOUR = 3600 / INTERVAL_SECONDS
const UNCHANGED_WITHIN_BITS = 4
const RECENT_FRAMES = 5
/** The goal: a year of 8-hour workdays in 5 GB. Counted for every day of the year, and for 250 workdays. */
const GOAL_BYTES = 5e9
const HOURS_A_YEAR = 365 * 8
const WORKDAY_HOURS_A_YEAR = 250 * 8

interface Strategy {
  name: string
  /** Frames it encodes (the slow ones are sampled and their bytes scaled to all kept frames). */
  sample?: number
  encode(bitmap: RawBitmap): Promise<Uint8Array>
  /** Time to show: the decode a viewer does (sharp uses the same libjpeg-turbo/libwebp/libavif as Chromium). */
  show(bytes: Uint8Array): Promise<void>
}

const decode = async (bytes: Uint8Array): Promise<void> => {
  await sharp(bytes).raw().toBuffer()
}

const sharpOf = (bitmap: RawBitmap) =>
  sharp(bitmap.pixels, { raw: { width: bitmap.width, height: bitmap.height, channels: 4 } }).removeAlpha()

const STRATEGIES: Strategy[] = [
  {
    name: 'today: JPEG q70 (jpeg-js)',
    encode: (bitmap) => Promise.resolve(encodeJpeg({ ...bitmap, pixels: bitmap.pixels.slice() }, 70)),
    show: decode,
  },
  {
    name: 'JPEG q70 (sharp, mozjpeg)',
    encode: async (bitmap) => sharpOf(bitmap).jpeg({ quality: 70, mozjpeg: true }).toBuffer(),
    show: decode,
  },
  { name: 'chosen: WebP lossless effort 1 (sharp)', encode: (bitmap) => encodeWebp(bitmap), show: decode },
  {
    name: 'WebP q50 (sharp)',
    encode: async (bitmap) => sharpOf(bitmap).webp({ quality: 50, effort: 4 }).toBuffer(),
    show: decode,
  },
  changedTilesStrategy(),
  {
    name: 'AVIF q50 effort 2 (sharp)',
    sample: 8,
    encode: async (bitmap) => sharpOf(bitmap).avif({ quality: 50, effort: 2 }).toBuffer(),
    show: decode,
  },
]

const time = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now()
  await work()
  return performance.now() - started
}

async function loadBitmap(file: string): Promise<RawBitmap> {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  if (info.width !== FIXTURE_WIDTH || info.height !== FIXTURE_HEIGHT) throw new Error(`${file}: wrong size`)
  return { width: info.width, height: info.height, pixels: new Uint8Array(data), channelOrder: 'rgba' }
}

/** Which frames the app keeps: the same hash and rule as CapturePipeline. */
function keptFrames(bitmaps: RawBitmap[]): boolean[] {
  const recent: string[] = []
  return bitmaps.map((bitmap) => {
    const hash = differenceHash(grayThumbnail(bitmap))
    const closest = Math.min(64, ...recent.map((previous) => hammingDistance(previous, hash)))
    if (closest <= UNCHANGED_WITHIN_BITS) return false
    recent.unshift(hash)
    recent.length = Math.min(recent.length, RECENT_FRAMES)
    return true
  })
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)
const gb = (bytes: number): string => (bytes / 1e9).toFixed(1)

async function main(): Promise<void> {
  sharp.concurrency(1)
  console.log('Cairn capture bench')
  console.log(`command   npm run bench:capture`)
  const started = performance.now()
  const set = await fixtureSet()
  console.log(
    `fixtures  ${set.frames.length} screens at ${FIXTURE_WIDTH}x${FIXTURE_HEIGHT} in ${set.folder} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  )
  const bitmaps = await Promise.all(set.frames.map(loadBitmap))
  const kept = keptFrames(bitmaps)
  const keptCount = kept.filter(Boolean).length
  const byScene = new Map<string, { all: number; kept: number }>()
  set.scenes.forEach((scene, index) => {
    const entry = byScene.get(scene) ?? { all: 0, kept: 0 }
    entry.all += 1
    if (kept[index]) entry.kept += 1
    byScene.set(scene, entry)
  })
  console.log(
    `kept      ${keptCount} of ${bitmaps.length} ticks (${[...byScene].map(([scene, n]) => `${scene} ${n.kept}/${n.all}`).join(', ')}); a tick every ${INTERVAL_SECONDS} s`,
  )
  console.log(
    `goal      5 GB a year: ${mb(GOAL_BYTES / HOURS_A_YEAR)} MB per captured hour for 365 days x 8 h, ${mb(GOAL_BYTES / WORKDAY_HOURS_A_YEAR)} MB for 250 workdays x 8 h\n`,
  )
  const rows: string[][] = []
  const keptBitmaps = bitmaps.filter((_, index) => kept[index])
  for (const strategy of STRATEGIES) {
    const frames = strategy.sample
      ? keptBitmaps.filter((_, index) => index % Math.ceil(keptBitmaps.length / strategy.sample!) === 0)
      : keptBitmaps
    const encodeMs: number[] = []
    const showMs: number[] = []
    let bytes = 0
    for (const bitmap of frames) {
      let encoded: Uint8Array = new Uint8Array(0)
      encodeMs.push(await time(async () => (encoded = await strategy.encode(bitmap))))
      bytes += encoded.byteLength
      showMs.push(await time(() => strategy.show(encoded)))
    }
    const perFrame = bytes / frames.length
    const perHour = (perFrame * keptCount * TICKS_PER_HOUR) / bitmaps.length
    rows.push([
      strategy.name,
      `${(perFrame / 1000).toFixed(0)}`,
      mb(perHour),
      gb(perHour * HOURS_A_YEAR),
      gb(perHour * WORKDAY_HOURS_A_YEAR),
      ms(latency(encodeMs).p50),
      ms(latency(showMs).p50),
      strategy.sample ? `${frames.length} sampled` : `${frames.length}`,
    ])
  }
  console.log(
    formatTable(
      [
        { title: 'strategy', align: 'left' },
        { title: 'kB/frame', align: 'right' },
        { title: 'MB/hour', align: 'right' },
        { title: 'GB/year', align: 'right' },
        { title: 'GB/250 workdays', align: 'right' },
        { title: 'encode ms', align: 'right' },
        { title: 'show ms', align: 'right' },
        { title: 'frames', align: 'left' },
      ],
      rows,
    ),
  )
  console.log(
    '\nMB/hour: kept frames only, at the share of ticks kept above. GB/year: 365 days x 8 h; GB/250 workdays: 250 x 8 h. encode: one core (sharp.concurrency(1)), p50. show: decode to pixels, p50.',
  )
  console.log(`\n${await measureMainThread()}`)
  if (process.env.CAIRN_CAPTURE_FIXTURES === undefined && process.argv.includes('--clean')) {
    fs.rmSync(set.folder, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
