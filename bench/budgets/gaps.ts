/**
 * npx tsx --expose-gc bench/budgets/gaps.ts --database DIR/scale-1-seed2.db [--backups N] [--exports N]
 * [--imports N] [--over MS]: the long operations through the built worker, as bench:budgets calls them, printing
 * every gap of this thread's 1 ms timer over MS (default 8) with where it fell: ms into the call, the
 * CLOCK_MONOTONIC second (the clock of `perf sched record -k CLOCK_MONOTONIC`), this thread's garbage
 * collections and the core's events around it. For finding what stalls the calling thread, not a budget.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PerformanceObserver, performance } from 'node:perf_hooks'
import { startCoreWorker } from '../../src/core/runtime/connection'
import { createCore } from '../../src/core/runtime/createCore'
import { DATABASE_FILE } from '../../src/core/db/open'
import { benchScreen } from './benchScreen'

const USAGE = `usage: npx tsx --expose-gc bench/budgets/gaps.ts --database FILE [--backups N] [--exports N] [--imports N] [--over MS]
  --database FILE  a seeded database (bench:budgets --seed-cache DIR leaves DIR/scale-1-seed2.db); copied first
  --backups N      backups.create calls (default 1), then
  --exports N      transfer.export calls (default 1), then
  --imports N      transfer.import calls of the last export (default 1)
  --over MS        print gaps longer than this (default 8)`

interface Options {
  database: string
  backups: number
  exports: number
  imports: number
  over: number
}

function parse(argv: readonly string[]): Options {
  const options: Options = { database: '', backups: 1, exports: 1, imports: 1, over: 8 }
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]
    const value = argv[(index += 1)]
    if (flag === '--database' && value) options.database = value
    else if (flag === '--backups' || flag === '--exports' || flag === '--imports' || flag === '--over') {
      const count = Number(value)
      if (!Number.isFinite(count) || count < 0) throw new Error(`${flag} needs a number\n${USAGE}`)
      options[flag.slice(2) as 'backups' | 'exports' | 'imports' | 'over'] = count
    } else throw new Error(`unknown argument ${String(flag)}\n${USAGE}`)
  }
  if (!options.database || !fs.existsSync(options.database))
    throw new Error(`--database needs a file\n${USAGE}`)
  if (options.imports > 0 && options.exports === 0) throw new Error(`--imports needs an export\n${USAGE}`)
  return options
}

const ROOT = path.resolve(import.meta.dirname, '../..')
const WORKER_PATH = path.join(ROOT, 'out/main/coreWorker.js')

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2))
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-gaps-'))
  const exportRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-gaps-export-'))
  try {
    createCore({ dataDir, validateOutput: false }).close()
    fs.copyFileSync(options.database, path.join(dataDir, DATABASE_FILE))
    const worker = await startCoreWorker({
      workerPath: WORKER_PATH,
      dataDir,
      validateOutput: false,
      platform: { screen: benchScreen() },
    })
    const events: [number, string][] = []
    worker.onEvent((event) => events.push([performance.now(), event.name]))
    const collections: [number, number][] = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) collections.push([entry.startTime, entry.duration])
    }).observe({ entryTypes: ['gc'] })

    const timed = async (method: string, params: unknown): Promise<void> => {
      // As bench:budgets does: this thread's own garbage is collected before, not during, the call.
      ;(globalThis as { gc?: () => void }).gc?.()
      const ticks: number[] = []
      const timer = setInterval(() => ticks.push(performance.now()), 1)
      await new Promise((resolve) => setTimeout(resolve, 20))
      const start = performance.now()
      const response = await worker.callSerialized(method, params)
      const end = performance.now()
      clearInterval(timer)
      // performance.now() and CLOCK_MONOTONIC move together; their offset is read once.
      const monotonicOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now()
      console.log(`${method}: ${(end - start).toFixed(0)} ms, ${response.ok ? 'ok' : 'failed'}`)
      for (let index = 1; index < ticks.length; index += 1) {
        const from = ticks[index - 1] ?? 0
        const gap = (ticks[index] ?? 0) - from
        if (gap <= options.over || from < start) continue
        const gcs = collections
          .filter(([at]) => at > from - 5 && at < from + gap)
          .map(([at, ms]) => `gc +${(at - from).toFixed(0)} ms for ${ms.toFixed(1)} ms`)
        const near = events.filter(([at]) => Math.abs(at - from) < 50).map(([, name]) => name)
        console.log(
          `  gap ${gap.toFixed(1)} ms at ${(from - start).toFixed(0)} ms (monotonic ${((from + monotonicOffset) / 1000).toFixed(4)} s)` +
            `${gcs.length ? `; ${gcs.join(', ')}` : ''}${near.length ? `; events: ${[...new Set(near)].join(', ')}` : ''}`,
        )
      }
    }

    for (let run = 0; run < options.backups; run += 1) await timed('backups.create', {})
    let lastExport = ''
    for (let run = 0; run < options.exports; run += 1) {
      lastExport = path.join(exportRoot, `export-${run}`)
      await timed('transfer.export', { dir: lastExport })
    }
    for (let run = 0; run < options.imports; run += 1) await timed('transfer.import', { dir: lastExport })
    await worker.close()
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(exportRoot, { recursive: true, force: true })
  }
}

void main()
