/**
 * npm run bench:budgets -- [--scale F] [--only a,b] [--seed-cache DIR]: every contract method at the scale of years of use, through the core
 * and through the worker, checked against the budgets in docs/PERFORMANCE.md; exits 1 when one is broken.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PerformanceObserver, performance } from 'node:perf_hooks'
import type { CoreConnection } from '../../src/core/runtime/connection'
import { startCoreWorker } from '../../src/core/runtime/connection'
import { createCore } from '../../src/core/runtime/createCore'
import { benchScreen } from './benchScreen'
import { DATABASE_FILE } from '../../src/core/db/open'
import type { CallResponse, SerializedCallResponse } from '../../src/shared/contract/errors'
import { METHOD_NAMES } from '../../src/shared/contract/methods'
import { resultOf } from '../../src/shared/client'
import { openBare } from '../bare'
import { machineLines } from '../machine'
import { seed } from '../seed'
import { latency } from '../stats'
import type { Latency } from '../stats'
import { formatTable, ms } from '../table'
import type { Budget } from './budgets'
import { readBudgets } from './budgets'
import type { Case, CaseContext } from './cases'
import { CASES, LAST, extraCases } from './cases'
import { seedMore } from './seedMore'
import type { SeededMore } from './seedMore'

const ROOT = path.resolve(import.meta.dirname, '../..')
// The built worker, as the app and the host run it: the TypeScript source through tsx would transpile the whole
// core again in every thread it starts (checkpointer, backup check), a CPU load the app never has.
const WORKER_PATH = path.join(ROOT, 'out/main/coreWorker.js')
/** Long operations are measured through the worker only (they are asynchronous or replace the database). */
const WORKER_ONLY = new Set<string>([
  'backups.create',
  'backups.restore',
  'transfer.export',
  'transfer.import',
])
const PROBE_MS = 1

const began = performance.now()
const log = (line: string): void => console.log(line)
const phase = (name: string): void => log(`\n[${((performance.now() - began) / 1000).toFixed(1)} s] ${name}`)

/** --only vaults.create,vaults.tree: measure just these (a targeted run; the missing-case check is skipped). */
function parseOnly(argv: readonly string[]): Set<string> | null {
  const index = argv.indexOf('--only')
  if (index === -1) return null
  return new Set((argv[index + 1] ?? '').split(',').filter(Boolean))
}

interface CachedSeed {
  now: number
  seeded: { conversationIds: number[] }
  more: SeededMore
}

/** --seed-cache DIR: keep the seeded database of each scale there and reuse it (seeding 1M messages takes minutes). */
/** Raise when the seeded data changes. 2: messages written in chat sessions, not one by one at random. */
const SEED_VERSION = 2
/** A person chatting asks 1 to 5 questions in a row in one conversation (bench/seed.ts). */
const SESSION_EXCHANGES = 5

/** A full collection where the bench runs with --expose-gc (npm run bench:budgets does). */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) gc()
}

function seedCache(argv: readonly string[], scale: number): { database: string; info: string } | null {
  const index = argv.indexOf('--seed-cache')
  const dir = index === -1 ? undefined : argv[index + 1]
  if (!dir) return null
  // The name carries the seed's version: a cache seeded by an older seed must not be measured as this one.
  const name = `scale-${scale}-seed${SEED_VERSION}`
  return { database: path.join(dir, `${name}.db`), info: path.join(dir, `${name}.json`) }
}

function parseScale(argv: readonly string[]): number {
  const index = argv.indexOf('--scale')
  if (index === -1) return 1
  const value = Number(argv[index + 1])
  if (!(value > 0 && value <= 1)) throw new Error('usage: npm run bench:budgets -- [--scale F]  (0 < F <= 1)')
  return value
}

interface Measured {
  core: Latency | null
  worker: Latency
  stall: Latency
  /**
   * Share of the case's time this thread spent running (event-loop utilisation). A long stall with a low share
   * means the thread was waiting for a CPU, not blocked by work of its own (a 2-vCPU machine, other threads).
   */
  busy: number
  /** The longest garbage collection pause of this thread during the case. */
  gcMax: number
}

type Run = (method: string, params: unknown) => Promise<CallResponse>
/** How a measured call is made: through the worker as the app's transports make it, the result left as JSON. */
type Measure = (method: string, params: unknown) => Promise<CallResponse | SerializedCallResponse>

/** Runs one case: untimed preparation, then the timed call; every answer must be ok. */
async function runCase(
  name: string,
  kase: Case,
  ctx: CaseContext,
  offset: number,
  run: Measure,
  onCall?: (start: number, end: number) => void,
): Promise<number[]> {
  const times: number[] = []
  for (let index = 0; index < kase.iterations; index += 1) {
    const params = await kase.params(offset + index, ctx)
    const start = performance.now()
    const response = await run(name, params)
    const end = performance.now()
    if (!response.ok) {
      throw new Error(
        `${name} ${JSON.stringify(params).slice(0, 200)} failed: ${response.error.code} ${response.error.message}`,
      )
    }
    times.push(end - start)
    if (end - start > 1_000) log(`  slow: ${name} call ${index} took ${((end - start) / 1000).toFixed(1)} s`)
    onCall?.(start, end)
  }
  return times
}

/** The longest gap between 1 ms ticks on this thread that falls inside each call: how long the call blocked it. */
function stallsOf(ticks: readonly number[], calls: readonly [number, number][]): number[] {
  return calls.map(([start, end]) => {
    let worst = 0
    for (let index = 1; index < ticks.length; index += 1) {
      const tick = ticks[index] ?? 0
      if (tick <= start) continue
      if (tick > end + 2 * PROBE_MS) break
      worst = Math.max(worst, tick - (ticks[index - 1] ?? tick))
    }
    return worst
  })
}

const fmt = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : ms(value)

async function main(): Promise<void> {
  const scale = parseScale(process.argv.slice(2))
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-budgets-'))
  const exportRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-budgets-export-'))
  const cleanup = (): void => {
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(exportRoot, { recursive: true, force: true })
  }
  process.once('SIGINT', () => {
    cleanup()
    process.exit(130)
  })
  try {
    process.exitCode = await run(scale, parseOnly(process.argv.slice(2)), dataDir, exportRoot)
  } finally {
    cleanup()
  }
}

async function run(
  scale: number,
  only: Set<string> | null,
  dataDir: string,
  exportRoot: string,
): Promise<number> {
  const counts = {
    messages: Math.round(1_000_000 * scale),
    conversations: Math.max(1, Math.round(2_000 * scale)),
    activities: Math.round(200_000 * scale),
    documents: Math.round(50_000 * scale),
    todos: Math.round(5_000 * scale),
    tips: Math.round(2_000 * scale),
    monitoringDays: 365,
  }
  log(`Cairn budgets: every contract method at scale ${scale} (${JSON.stringify(counts)})`)
  const budgets = readBudgets(path.join(ROOT, 'docs/PERFORMANCE.md'))
  const cases: Record<string, Case> = { ...CASES, ...extraCases(METHOD_NAMES) } as Record<string, Case>
  const missing = only ? [] : METHOD_NAMES.filter((name) => !cases[name])
  const order = [...METHOD_NAMES.filter((name) => !LAST.includes(name)), ...LAST].filter(
    (name) => cases[name] && (!only || only.has(name)),
  )

  createCore({ dataDir, validateOutput: false }).close()
  const file = path.join(dataDir, DATABASE_FILE)
  const cache = seedCache(process.argv.slice(2), scale)
  let now: number
  let seeded: { conversationIds: number[] }
  let more: SeededMore
  if (cache && fs.existsSync(cache.info)) {
    // A targeted run reuses the database an earlier run seeded at this scale (--seed-cache DIR).
    ;({ now, seeded, more } = JSON.parse(fs.readFileSync(cache.info, 'utf8')) as CachedSeed)
    fs.copyFileSync(cache.database, file)
    log(`  seeded database taken from ${cache.database}`)
  } else {
    const bare = openBare(file)
    for (const line of machineLines(bare)) log(line)
    phase('seeding')
    now = Date.now()
    seeded = await seed(bare, {
      messages: counts.messages,
      conversations: counts.conversations,
      now,
      log,
      sessionExchanges: SESSION_EXCHANGES,
    })
    more = seedMore(bare, counts, now)
    bare.close()
    if (cache) {
      fs.mkdirSync(path.dirname(cache.database), { recursive: true })
      fs.copyFileSync(file, cache.database)
      const cached: CachedSeed = { now, seeded: { conversationIds: seeded.conversationIds }, more }
      fs.writeFileSync(cache.info, JSON.stringify(cached))
    }
  }
  const bytes = fs.statSync(file).size
  log(`  seeded; database ${(bytes / 1e6).toFixed(0)} MB`)

  const context = (call: Run): CaseContext => ({
    now,
    conversationIds: seeded.conversationIds,
    messageCount: counts.messages,
    more,
    exportRoot,
    state: {},
    async call(method, params) {
      const response = await call(method, params)
      if (!response.ok) throw new Error(`preparing: ${method} failed: ${response.error.message}`)
      return resultOf(method, response)
    },
  })

  phase('every method on the core directly (its own time)')
  const coreTimes = new Map<string, Latency>()
  {
    const opening = performance.now()
    const core = createCore({
      dataDir,
      validateOutput: false,
      // As in the app, where the worker starts it: checkpoints on their own thread.
      checkpointer: { workerPath: WORKER_PATH },
      platform: { screen: benchScreen() },
    })
    log(`  core opened in ${((performance.now() - opening) / 1000).toFixed(1)} s (quick_check, statistics)`)
    const call: Run = (method, params) => Promise.resolve(core.dispatch(method, params))
    // Capture is off in a new data folder until the person turns it on; the bench does so for both phases.
    core.dispatch('settings.set', { key: 'capture.enabled', value: true })
    const ctx = context(call)
    try {
      for (const name of order) {
        if (WORKER_ONLY.has(name)) continue
        const started = performance.now()
        coreTimes.set(name, latency(await runCase(name, cases[name] as Case, ctx, 0, call)))
        const seconds = (performance.now() - started) / 1000
        if (seconds > 0.5) log(`  ${name}: ${seconds.toFixed(1)} s`)
      }
    } finally {
      core.close()
    }
  }

  phase('every method through the worker, watching this thread')
  const results = new Map<string, Measured>()
  const worker: CoreConnection = await startCoreWorker({
    workerPath: WORKER_PATH,
    dataDir,
    validateOutput: false,
    platform: { screen: benchScreen() },
  })
  try {
    const call: Run = (method, params) => worker.call(method, params)
    const ctx = context(call)
    for (const name of order) {
      // This thread ran the core itself in the first phase and keeps every earlier case's answers: collect
      // that garbage now, not during this case's measurement (the app's UI thread never holds the core).
      collectGarbage()
      const ticks: number[] = []
      const timer = setInterval(() => ticks.push(performance.now()), PROBE_MS)
      await new Promise((resolve) => setTimeout(resolve, 10))
      const windows: [number, number][] = []
      let gcMax = 0
      const gcWatch = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) gcMax = Math.max(gcMax, entry.duration)
      })
      gcWatch.observe({ entryTypes: ['gc'] })
      const utilisation = performance.eventLoopUtilization()
      const started = performance.now()
      // IPC and the host pass results on as the JSON text the worker wrote (src/main/electron/ipc.ts).
      const measure: Measure = (method, params) => worker.callSerialized(method, params)
      const times = await runCase(name, cases[name] as Case, ctx, 100_000, measure, (start, end) =>
        windows.push([start, end]),
      )
      await new Promise((resolve) => setTimeout(resolve, 5))
      clearInterval(timer)
      gcWatch.disconnect()
      results.set(name, {
        gcMax,
        core: coreTimes.get(name) ?? null,
        worker: latency(times),
        stall: latency(stallsOf(ticks, windows)),
        busy: performance.eventLoopUtilization(utilisation).utilization,
      })
      if (performance.now() - started > 2_000)
        log(`  ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
  } finally {
    await worker.close()
  }

  phase('done')
  const broken: string[] = []
  const rows: string[][] = []
  for (const name of order) {
    const measured = results.get(name)
    if (!measured) continue
    const budget: Budget = budgets.byMethod.get(name) ?? budgets.fallback
    const checks: [string, number | undefined, number | null][] = [
      ['core p50', measured.core?.p50, budget.coreP50],
      ['core p99', measured.core?.p99, budget.coreP99],
      ['UI-thread stall p99', measured.stall.p99, budget.stallP99],
    ]
    const failed = checks.filter(([, value, limit]) => limit !== null && value !== undefined && value > limit)
    for (const [label, value, limit] of failed)
      broken.push(`${name}: ${label} ${fmt(value)} ms > ${fmt(limit)} ms`)
    rows.push([
      name,
      String(measured.worker.samples),
      fmt(measured.core?.p50),
      fmt(measured.core?.p99),
      fmt(measured.worker.p50),
      fmt(measured.worker.p99),
      fmt(measured.stall.p99),
      fmt(measured.stall.max),
      `${(measured.busy * 100).toFixed(0)}%`,
      fmt(measured.gcMax),
      `${fmt(budget.coreP50)} / ${fmt(budget.coreP99)} / ${fmt(budget.stallP99)}`,
      failed.length > 0 ? 'BROKEN' : 'ok',
    ])
  }
  log(`
Every method at scale (ms; core = core.dispatch on this thread; worker = through startCoreWorker;
stall = longest this thread was blocked during one call, a 1 ms timer's gap, so about 1 means never;
busy = share of the case this thread spent running: a long stall with a low share was a wait for a CPU;
gc = this thread's longest garbage collection pause during the case)

${formatTable(
  [
    'method',
    'calls',
    'core p50',
    'core p99',
    'worker p50',
    'worker p99',
    'stall p99',
    'stall max',
    'busy',
    'gc',
    'budget p50/p99/stall',
    '',
  ].map((title, index) => ({ title, align: index === 0 || index === 11 ? 'left' : 'right' }) as const),
  rows,
)}
`)
  for (const name of missing) broken.push(`${name}: no case in bench/budgets/cases.ts, so it is not measured`)
  if (broken.length > 0) {
    log(`BUDGETS BROKEN (${broken.length}):\n${broken.map((line) => `  ${line}`).join('\n')}`)
    return 1
  }
  log(
    `All ${rows.length} methods within their budgets (docs/PERFORMANCE.md). total ${((performance.now() - began) / 1000).toFixed(0)} s`,
  )
  return 0
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exitCode = 1
})
