/**
 * npm run bench -- [--messages N]: Cairn's core against the bare better-sqlite3 ceiling on a seeded history,
 * and the figures behind running the core in a worker thread (docs/ARCHITECTURE.md).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { connectInProcess, startCoreWorker } from '../src/core/runtime/connection'
import { createCore } from '../src/core/runtime/createCore'
import { DATABASE_FILE } from '../src/core/db/open'
import type { BenchArgs } from './args'
import { parseArgs } from './args'
import { bareCeiling, openBare } from './bare'
import { machineLines } from './machine'
import { comparisonTable, roundTripTable, stallTable } from './report'
import { seed } from './seed'
import type { Connections, HeavyCall, StallResult } from './stall'
import { heavyCalls, roundTrips, runHeavyCalls } from './stall'
import type { Latency, Plan } from './stats'
import type { SuitePlans, SuiteResult, TargetName } from './suite'
import { measureCaptureCost } from './captureCost'
import { barePrefixCommonSearch, bareTarget, connectionTarget, dispatchTarget, runSuites } from './suite'
import { count } from './table'
import { COMMON_SHARE, COMMON_TERM, RARE_COUNT, RARE_TERM } from './text'
import { createWorkload } from './workload'

const PLANS: SuitePlans = {
  insert: { warmup: 200, iterations: 5_000 },
  last200: { warmup: 50, iterations: 1_000 },
  searchRare: { warmup: 50, iterations: 1_000 },
  searchCommon: { warmup: 5, iterations: 150 },
  upsert: { warmup: 200, iterations: 10_000 },
}
const ROUND_TRIP: Plan = { warmup: 500, iterations: 10_000 }
const HEAVY_REPEATS = 3
const ROUNDS = 10
const WORKLOAD_SIZE = 10_500
const WORKER_PATH = path.resolve(import.meta.dirname, '../src/core/runtime/worker.ts')

const began = performance.now()
const log = (line: string): void => console.log(line)
const phase = (name: string): void => log(`\n[${((performance.now() - began) / 1000).toFixed(1)} s] ${name}`)

function databaseBytes(dataDir: string): number {
  return ['', '-wal'].reduce((total, suffix) => {
    const file = path.join(dataDir, DATABASE_FILE + suffix)
    return total + (fs.existsSync(file) ? fs.statSync(file).size : 0)
  }, 0)
}

async function run(args: BenchArgs, dataDir: string): Promise<void> {
  const file = path.join(dataDir, DATABASE_FILE)
  log(`Cairn bench: ${count(args.messages)} messages across ${count(args.conversations)} conversations`)
  const given = process.argv.slice(2).join(' ')
  log(`command   npm run bench${given ? ` -- ${given}` : ''}`)

  createCore({ dataDir, validateOutput: false }).close()
  const seeding = openBare(file)
  for (const line of machineLines(seeding)) log(line)
  phase(`seeding ${dataDir}`)
  const seeded = await seed(seeding, {
    messages: args.messages,
    conversations: args.conversations,
    now: Date.now(),
    log,
  })
  seeding.close()
  log(`  seeded in ${seeded.seconds.toFixed(1)} s; database ${(databaseBytes(dataDir) / 1e6).toFixed(0)} MB`)
  const workload = createWorkload(seeded.conversationIds, WORKLOAD_SIZE, 42)
  const heavy = heavyCalls(workload)

  // One owner per data folder (src/core/db/ownerLock.ts): the worker's core gets its own copy of the seeded file.
  const workerDir = path.join(dataDir, 'worker')
  fs.mkdirSync(workerDir)
  fs.copyFileSync(file, path.join(workerDir, DATABASE_FILE))
  phase(
    'opening the three targets: bare better-sqlite3 and the core in-process on one file, the core in a worker on a copy',
  )
  const bareDb = openBare(file)
  const bare = bareCeiling(bareDb)
  const core = createCore({ dataDir, validateOutput: false })
  const inProcess = connectInProcess(core)
  const worker = await startCoreWorker({
    workerPath: WORKER_PATH,
    execArgv: ['--import', 'tsx'],
    dataDir: workerDir,
    validateOutput: false,
  })
  try {
    phase(`the suite, interleaved in ${ROUNDS} rounds`)
    const suites = await runSuites(
      {
        bare: bareTarget(bare, workload),
        dispatch: dispatchTarget(core, workload),
        worker: connectionTarget(worker, workload),
      },
      PLANS,
      ROUNDS,
    )
    const typedPrefix = barePrefixCommonSearch(bare, PLANS.searchCommon)
    phase('round trips, in-process and through the worker')
    const trips = await roundTrips({ inProcess, worker }, seeded.conversationIds[0] ?? 1, ROUND_TRIP, ROUNDS)
    phase('heavy calls, watching this thread’s event loop')
    const stalls = await runHeavyCalls({ inProcess, worker }, heavy, HEAVY_REPEATS)
    phase('the capture path, frame by frame')
    const capture = measureCaptureCost()
    phase('done')
    report(suites, typedPrefix, trips, heavy, stalls)
    log(`\n${capture}`)
  } finally {
    await worker.close()
    await inProcess.close()
    bareDb.close()
  }
}

function report(
  suites: Record<TargetName, SuiteResult>,
  typedPrefix: Latency,
  trips: Record<keyof Connections, Latency>,
  heavy: HeavyCall[],
  stalls: Record<keyof Connections, StallResult[]>,
): void {
  const iterations = (plan: Plan): string => `${count(plan.iterations)} (+${count(plan.warmup)} warm-up)`
  log(`
Cairn against the bare better-sqlite3 ceiling: the same statements, the same pragmas, the same seeded file
(bare and dispatch share it, the worker's core owns a copy of it;
 dispatch = core.dispatch on this thread; worker = await connection.call through startCoreWorker; all three
 interleaved in ${ROUNDS} rounds with the same inputs;
 x/bare = time per call of x over time per call of the ceiling; "${COMMON_TERM}" is in ${Math.round(COMMON_SHARE * 100)}% of messages, "${RARE_TERM}" in ${RARE_COUNT})
iterations: inserts ${iterations(PLANS.insert)}, last-200 ${iterations(PLANS.last200)}, rare search ${iterations(PLANS.searchRare)}, common search ${iterations(PLANS.searchCommon)}, UPSERTs ${iterations(PLANS.upsert)}

${comparisonTable(suites.dispatch, suites.worker, suites.bare, typedPrefix)}

Where the core runs: the cost of the worker hop (${iterations(ROUND_TRIP)} calls)

${roundTripTable(trips.inProcess, trips.worker)}

The calling thread's worst event-loop stall while a heavy call runs (median call time of ${HEAVY_REPEATS}, worst stall of ${HEAVY_REPEATS};
a window misses frames when its main thread stalls longer than 16 ms)

${stallTable(heavy, stalls.inProcess, stalls.worker)}

total ${((performance.now() - began) / 1000).toFixed(0)} s`)
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-'))
  const cleanup = (): void => fs.rmSync(dataDir, { recursive: true, force: true })
  process.once('SIGINT', () => {
    cleanup()
    process.exit(130)
  })
  try {
    await run(args, dataDir)
  } finally {
    cleanup()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
