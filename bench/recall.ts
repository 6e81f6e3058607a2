/**
 * npm run bench:recall -- [--full]: on-device OCR per frame (1440x900 and 2560x1440 screenshots rendered by
 * Chromium), the index growth per frame, and newest-first search over the text of many frames: 50,000 by
 * default (a quick run), 500,000 (a year of capture) with --full; --no-ocr skips the OCR part. Figures go in
 * docs/PERFORMANCE.md.
 */
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { tesseractEngine } from '../src/core/ocr/engine'
import { segmentForIndex } from '../src/core/ocr/segment'
import { createCore } from '../src/core/runtime/createCore'
import { CAPTURE_SETTINGS } from '../src/shared/contract/domains/captureSettings'
import { DATABASE_FILE } from '../src/core/db/open'
import { appPage, renderScreens } from '../test/support/renderScreen'
import { createRandom, randomIndex } from './rng'
import { latency } from './stats'
import { count, ms } from './table'

const full = process.argv.includes('--full')
const FRAMES = full ? 500_000 : 50_000
const OCR_FRAMES = full ? 30 : 3
const skipOcr = process.argv.includes('--no-ocr')
const SEARCHES = 200
const ROOT = path.resolve(import.meta.dirname, '..')
const log = (line: string) => console.log(line)

const random = createRandom(7)
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'shi', 'pen', 'dor', 'gle', 'brin', 'qua', 'zet']
/** A vocabulary like a screen's: a few very common words and a long tail. */
const VOCABULARY = Array.from({ length: 20_000 }, (_, index) => {
  let word = ''
  for (let n = index + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length]
  return word
})
const CHINESE = [
  '我们',
  '明天',
  '需要',
  '完成',
  '季度',
  '报告',
  '初稿',
  '预算',
  '表格',
  '会议',
  '项目',
  '进度',
]
const zipfWord = () => VOCABULARY[Math.floor(VOCABULARY.length * random() ** 3)] ?? 'ka'

function screenText(frame: number): string {
  const words = Array.from({ length: 150 }, zipfWord)
  if (frame % 10 === 0) words.push(CHINESE.slice(randomIndex(random, 6), 9).join(''))
  if (frame % 5_000 === 0) words.push('xylophonist')
  return words.join(' ')
}

async function ocrFigures(): Promise<void> {
  const worker = path.join(ROOT, 'out/main/ocrWorker.js')
  if (!fs.existsSync(worker))
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-built.mjs')], { stdio: 'inherit' })
  const lines = Array.from(
    { length: 28 },
    (_, line) =>
      Array.from({ length: 12 }, () => zipfWord()).join(' ') + (line % 4 === 0 ? ` ${CHINESE.join('')}` : ''),
  )
  for (const [width, height] of [
    [1440, 900],
    [2560, 1440],
  ] as const) {
    const shots = await renderScreens(
      Array.from({ length: OCR_FRAMES }, (_, index) => ({
        html: appPage(`Window ${index}`, lines.slice(index % 4)),
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

function pages(db: Database.Database): number {
  return Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }))
}

function seedFrames(file: string): { bytesPerFrame: number; textBytesPerFrame: number; seconds: number } {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  const before = pages(db)
  const insertCapture = db.prepare(
    `INSERT INTO captures (id, captured_at, display_id, path, format, bytes, phash, app_name, window_title)
     VALUES (?, ?, 'd1', ?, 'jpeg', 100000, '0123456789abcdef', ?, ?)`,
  )
  const insertText = db.prepare(
    "INSERT INTO capture_text (capture_id, recognized_at, languages, text, words, confidence) VALUES (?, ?, 'eng+chi_sim', ?, '[]', 90)",
  )
  const started = performance.now()
  const start = Date.UTC(2025, 0, 1)
  let textBytes = 0
  const batch = 10_000
  for (let from = 1; from <= FRAMES; from += batch) {
    db.transaction(() => {
      for (let id = from; id < Math.min(from + batch, FRAMES + 1); id += 1) {
        const at = start + id * 60_000
        insertCapture.run(
          id,
          at,
          `captures/f/${id}.jpg`,
          `App ${id % 12}`,
          `${zipfWord()} ${zipfWord()} — Editor`,
        )
        const text = segmentForIndex(screenText(id))
        textBytes += Buffer.byteLength(text)
        insertText.run(id, at, text)
      }
    })()
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  const seconds = (performance.now() - started) / 1000
  const bytesPerFrame = (pages(db) - before) / FRAMES
  db.close()
  return { bytesPerFrame, textBytesPerFrame: textBytes / FRAMES, seconds }
}

async function main(): Promise<void> {
  log(`Cairn recall bench${full ? ' (--full)' : ''}: ${count(FRAMES)} frames of screen text`)
  if (!skipOcr) await ocrFigures()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-recall-'))
  try {
    createCore({ dataDir, validateOutput: false }).close()
    const seeded = seedFrames(path.join(dataDir, DATABASE_FILE))
    log(
      `seeded ${count(FRAMES)} frames in ${seeded.seconds.toFixed(0)} s; database growth per frame ${count(Math.round(seeded.bytesPerFrame))} B (of which ${count(Math.round(seeded.textBytesPerFrame))} B the text itself, the rest its row, title and index)`,
    )
    log(
      `index for a year (500,000 frames) at that rate: ${((seeded.bytesPerFrame * 500_000) / 1024 ** 3).toFixed(2)} GiB`,
    )
    const core = createCore({ dataDir, validateOutput: false })
    try {
      const queries: [string, string][] = [
        ['common word (in most frames)', VOCABULARY[0] ?? 'ka'],
        ['rare word (1 frame in 5,000)', 'xylophonist'],
        ['two common words', `${VOCABULARY[0]} ${VOCABULARY[1]}`],
        ['Chinese word inside a run', '季度报告'],
        ['typo, one letter wrong (fuzzy)', 'xylophonost'],
        ['word typed so far (prefix)', 'xyloph'],
      ]
      for (const [name, query] of queries) {
        const samples: number[] = []
        let hits = 0
        for (let index = 0; index < SEARCHES; index += 1) {
          const at = performance.now()
          const response = core.dispatch('search.query', { query, kinds: ['screen'], limit: 20 })
          samples.push(performance.now() - at)
          if ('result' in response && index === 0) hits = (response.result as { hits: unknown[] }).hits.length
        }
        const figures = latency(samples)
        log(
          `search newest-first, ${name} "${query}": p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)} (${hits} hits)`,
        )
      }
      const palette: number[] = []
      for (let index = 0; index < 50; index += 1) {
        const at = performance.now()
        core.dispatch('search.query', { query: VOCABULARY[2] ?? 'mi', perKind: 4, limit: 200 })
        palette.push(performance.now() - at)
      }
      const figures = latency(palette)
      log(`palette (every kind, 4 each), common word: p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}`)
    } finally {
      core.close()
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
