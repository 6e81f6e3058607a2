/**
 * npm run bench:recall -- [--full]: on-device OCR per frame (1440x900 and 2560x1440 screenshots rendered by
 * Chromium), the index growth per frame, and newest-first search over the text of many frames: 50,000 by
 * default (a quick run), 500,000 (a year of capture) with --full; --no-ocr skips the OCR part. Figures go in
 * docs/PERFORMANCE.md. --frames N seeds N frames instead (a quick try).
 */
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { tesseractEngine } from '../src/core/ocr/engine'
import { createCore } from '../src/core/runtime/createCore'
import { CAPTURE_SETTINGS } from '../src/shared/contract/domains/captureSettings'
import type { MethodParams, MethodResult } from '../src/shared/contract/methods'
import { appPage, renderScreens } from '../test/support/renderScreen'
import { dispatchSync, request } from './calls'
import { checkFastSeed, newDataDir, openSeeding } from './frameSeedCheck'
import { CHINESE_SHARE, RARE_FRAME_EVERY, TITLE_SHARE, TITLE_TERM, createFrames } from './frames'
import { machineLines } from './machine'
import { createRandom } from './rng'
import type { Sizes } from './seedFrames'
import { frameSizes, optimizeScreens, seedFast } from './seedFrames'
import { latency, sampleSync } from './stats'
import { count, formatTable, ms } from './table'
import { COMMON_SHARE, COMMON_TERM, RARE_TERM, chineseText, messageText } from './text'

const full = process.argv.includes('--full')
const framesFlag = process.argv.indexOf('--frames')
const FRAMES = framesFlag > 0 ? Number(process.argv[framesFlag + 1]) : full ? 500_000 : 50_000
const OCR_FRAMES = full ? 30 : 3
const skipOcr = process.argv.includes('--no-ocr')
const SEARCHES = 200
const WARMUP = 10
/** Frames seeded both ways to check the fast seeder against the app's row-by-row inserts. */
const CHECK_FRAMES = full ? 2_000 : 500
const FRAMES_SEED = 20_261_205
const ROOT = path.resolve(import.meta.dirname, '..')
const log = (line: string) => console.log(line)

const random = createRandom(7)
/** A dense screen: 28 lines of words, every fourth with a Chinese sentence. */
const OCR_LINES = Array.from(
  { length: 28 },
  (_, line) =>
    messageText(random, { minWords: 10, maxWords: 14 }) + (line % 4 === 0 ? ` ${chineseText(random)}` : ''),
)

async function ocrFigures(): Promise<void> {
  const worker = path.join(ROOT, 'out/main/ocrWorker.js')
  if (!fs.existsSync(worker))
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-built.mjs')], { stdio: 'inherit' })
  for (const [width, height] of [
    [1440, 900],
    [2560, 1440],
  ] as const) {
    const shots = await renderScreens(
      Array.from({ length: OCR_FRAMES }, (_, index) => ({
        html: appPage(`Window ${index}`, OCR_LINES.slice(index % 4)),
        width,
        height,
      })),
    )
    const engine = tesseractEngine({ workerPath: worker })
    const started = performance.now()
    await engine.recognize(shots[0]?.png ?? Buffer.alloc(0), ['eng', 'chi_sim'])
    const first = performance.now() - started
    const samples: number[] = []
    // process.cpuUsage counts every thread of this process, the OCR worker's included.
    const cpuBefore = process.cpuUsage()
    for (const shot of shots) {
      const at = performance.now()
      await engine.recognize(shot.png, ['eng', 'chi_sim'])
      samples.push(performance.now() - at)
    }
    const cpu = process.cpuUsage(cpuBefore)
    await engine.close()
    const figures = latency(samples)
    log(
      `OCR ${width}x${height} eng+chi_sim: p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)} (${figures.samples} frames; first frame with start-up ${ms(first)})`,
    )
    const cpuPerFrameMs = (cpu.user + cpu.system) / 1000 / shots.length
    const intervalMs = CAPTURE_SETTINGS['capture.intervalSeconds'].defaultValue * 1000
    log(
      `OCR CPU ${width}x${height}: ${ms(cpuPerFrameMs)} per frame = ${((100 * cpuPerFrameMs) / intervalMs).toFixed(1)} % of one core at the default ${intervalMs / 1000} s interval with every frame kept (${((50 * cpuPerFrameMs) / intervalMs).toFixed(1)} % with half dropped as unchanged)`,
    )
  }
}

const loadText = () =>
  `load average ${os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ')} (1/5/15 min) on ${os.cpus().length} cores`

const QUERIES: { name: string; query: string; fuzzy?: boolean }[] = [
  { name: `common word (${Math.round(COMMON_SHARE * 100)} % of frames)`, query: COMMON_TERM },
  { name: 'two common words', query: `${COMMON_TERM} meeting` },
  { name: `rare word (1 frame in ${count(RARE_FRAME_EVERY)})`, query: RARE_TERM },
  { name: `title word (${TITLE_SHARE * 100} % of titles)`, query: TITLE_TERM },
  { name: `Chinese word inside a run (${CHINESE_SHARE * 100} % of frames have Chinese)`, query: '季度报告' },
  { name: 'short Chinese word', query: '预算' },
  { name: 'word typed so far (prefix of the rare word)', query: RARE_TERM.slice(0, 7) },
  { name: 'rare word, one letter wrong (fuzzy)', query: `${RARE_TERM.slice(0, -1)}k`, fuzzy: true },
  { name: 'common word, one letter wrong (fuzzy)', query: `${COMMON_TERM.slice(0, -1)}x`, fuzzy: true },
]

function measureSearches(dataDir: string, label: string): void {
  const core = createCore({ dataDir, validateOutput: false })
  try {
    log(
      `\nsearch.query newest-first, screens, 20 a page, over ${count(FRAMES)} frames, ${label}; ${loadText()}`,
    )
    const rows: string[][] = []
    // Every answer is checked (a few comparisons, inside the timing), so a broken call cannot pass for a fast one.
    const time = (
      params: MethodParams<'search.query'>,
      check: (result: MethodResult<'search.query'>) => void,
    ) =>
      latency(
        sampleSync({ warmup: WARMUP, iterations: SEARCHES }, () =>
          dispatchSync(core, request('search.query', params, check)),
        ),
      )
    for (const { name, query, fuzzy } of QUERIES) {
      let hits = 0
      const figures = time({ query, kinds: ['screen'], limit: 20 }, (result) => {
        hits = result.hits.length
        if (hits === 0 || Boolean(result.fuzzy) !== Boolean(fuzzy))
          throw new Error(`"${query}" found ${hits} hits (fuzzy: ${String(result.fuzzy)})`)
      })
      rows.push([name, query, String(hits), ms(figures.p50), ms(figures.p99)])
    }
    let paletteHits = 0
    // Only screens are seeded: the other kinds' searches run over empty tables.
    const palette = time({ query: COMMON_TERM, perKind: 4, limit: 200 }, (result) => {
      paletteHits = result.hits.length
      if (paletteHits === 0) throw new Error('the palette found nothing')
    })
    rows.push([
      'palette: every kind, 4 each',
      COMMON_TERM,
      String(paletteHits),
      ms(palette.p50),
      ms(palette.p99),
    ])
    log(
      formatTable(
        [
          { title: 'query', align: 'left' },
          { title: 'typed', align: 'left' },
          { title: 'hits', align: 'right' },
          { title: 'p50 ms', align: 'right' },
          { title: 'p99 ms', align: 'right' },
        ],
        rows,
      ),
    )
  } finally {
    core.close()
  }
}

function logSizes(label: string, sizes: Sizes): void {
  const perFrame = (bytes: number) => count(Math.round(bytes / FRAMES))
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`
  log(
    `${label}: database ${gib(sizes.total)} = ${perFrame(sizes.total)} B a frame; of which screens_fts ${gib(sizes.index)} (${perFrame(sizes.index)} B a frame), capture_text with word boxes ${gib(sizes.text)} (${perFrame(sizes.text)} B), captures rows and indexes ${gib(sizes.frames)} (${perFrame(sizes.frames)} B)`,
  )
}

async function main(): Promise<void> {
  const given = process.argv.slice(2).join(' ')
  log(`Cairn recall bench: ${count(FRAMES)} frames of screen text`)
  log(`command   npm run bench:recall${given ? ` -- ${given}` : ''}`)
  const probe = new Database(':memory:')
  for (const line of machineLines(probe)) log(line)
  probe.close()
  if (!skipOcr) await ocrFigures()
  await checkFastSeed(CHECK_FRAMES, FRAMES_SEED, log)
  const dataDir = newDataDir()
  try {
    let db = openSeeding(dataDir)
    log(`\nseeding ${count(FRAMES)} frames (one a minute from 2025-01-01); ${loadText()}`)
    const seconds = await seedFast(db, createFrames(FRAMES_SEED), FRAMES, log)
    const text = Number(db.prepare('SELECT sum(length(CAST(text AS BLOB))) FROM capture_text').pluck().get())
    log(
      `seeded in ${seconds.toFixed(0)} s (rows, screens_fts in one pass, triggers back); screen text ${count(Math.round(text / FRAMES))} B a frame`,
    )
    logSizes('as built', frameSizes(db))
    db.close()
    measureSearches(dataDir, 'screens_fts as built (several segments, as automerge leaves them)')
    db = openSeeding(dataDir)
    log(`\nscreens_fts 'optimize' (one segment): ${optimizeScreens(db).toFixed(0)} s`)
    logSizes('optimized', frameSizes(db))
    db.close()
    measureSearches(dataDir, 'screens_fts optimized')
    log(`\nend: ${loadText()}`)
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
