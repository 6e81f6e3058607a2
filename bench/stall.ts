import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { CoreConnection } from '../src/core/runtime/connection'
import type { Request } from './calls'
import { callAsync, expect, request } from './calls'
import type { Latency, Plan } from './stats'
import { latency, sampleAsync } from './stats'
import { COMMON_TERM } from './text'
import type { Workload } from './workload'
import { SEARCH_LIMIT } from './workload'

export interface StallResult {
  /** Median wall time of the call, as the caller waits for it. */
  durationMs: number
  /** Longest gap between ticks of a 1 ms timer on the calling thread, over all repeats (about 1 ms when idle). */
  worstStallMs: number
}

export interface HeavyCall {
  label: string
  run(connection: CoreConnection): Promise<void>
}

export const BULK_INSERTS = 5_000

/** Calls that take far longer than a 16 ms frame when they run on the thread that has to stay responsive. */
export function heavyCalls(workload: Workload): HeavyCall[] {
  const call = async (connection: CoreConnection, req: Request): Promise<void> => {
    await callAsync(connection, req)
  }
  return [
    {
      label: 'search "pr" as typed (two-letter prefix), newest first',
      run: (connection) =>
        call(
          connection,
          request(
            'search.query',
            { query: 'pr', kinds: ['message'], order: 'newest', limit: SEARCH_LIMIT },
            (found) => expect(found.hits.length === SEARCH_LIMIT, 'type-ahead hits'),
          ),
        ),
    },
    {
      label: `search "${COMMON_TERM}" by relevance (bm25 over newest 500)`,
      run: (connection) =>
        call(
          connection,
          request(
            'search.query',
            { query: COMMON_TERM, kinds: ['message'], order: 'relevance', limit: SEARCH_LIMIT },
            (found) => expect(found.hits.length === SEARCH_LIMIT, 'relevance hits'),
          ),
        ),
    },
    {
      label: `${BULK_INSERTS.toLocaleString('en-US')} messages.create, one after another`,
      run: async (connection) => {
        for (let index = 0; index < BULK_INSERTS; index += 1)
          await call(connection, request('messages.create', workload.message(index)))
      },
    },
  ]
}

const PROBE_MS = 1

/**
 * A 1 ms interval timer on the calling thread; the longest gap between two of its ticks is the longest a
 * timer, an input event or an IPC message had to wait, the stall a window would show. (perf_hooks'
 * monitorEventLoopDelay is not used: on Node 24 it reported about 1 ms across a 300 ms synchronous block.)
 */
function startProbe(): { reset(): void; stop(): number } {
  let last = performance.now()
  let worst = 0
  const timer = setInterval(() => {
    const now = performance.now()
    worst = Math.max(worst, now - last)
    last = now
  }, PROBE_MS)
  return {
    reset() {
      last = performance.now()
      worst = 0
    },
    stop() {
      clearInterval(timer)
      return Math.max(worst, performance.now() - last)
    },
  }
}

/** Runs `work` while the probe watches the calling thread. */
export async function measureStall(
  work: () => Promise<void>,
): Promise<{ durationMs: number; stallMs: number }> {
  const probe = startProbe()
  await sleep(25)
  probe.reset()
  const start = performance.now()
  await work()
  const durationMs = performance.now() - start
  // Let an overdue tick fire so a stall at the very end is counted too.
  await sleep(5)
  return { durationMs, stallMs: probe.stop() }
}

export interface Connections {
  inProcess: CoreConnection
  worker: CoreConnection
}

/** Each heavy call once on each connection to warm up, then `repeats` times on each, alternating which goes first. */
export async function runHeavyCalls(
  connections: Connections,
  calls: readonly HeavyCall[],
  repeats: number,
): Promise<Record<keyof Connections, StallResult[]>> {
  const results: Record<keyof Connections, StallResult[]> = { inProcess: [], worker: [] }
  for (const heavy of calls) {
    const durations: Record<keyof Connections, number[]> = { inProcess: [], worker: [] }
    const worst: Record<keyof Connections, number> = { inProcess: 0, worker: 0 }
    await heavy.run(connections.inProcess)
    await heavy.run(connections.worker)
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      const order: (keyof Connections)[] =
        repeat % 2 === 0 ? ['inProcess', 'worker'] : ['worker', 'inProcess']
      for (const name of order) {
        const measured = await measureStall(() => heavy.run(connections[name]))
        durations[name].push(measured.durationMs)
        worst[name] = Math.max(worst[name], measured.stallMs)
      }
    }
    for (const name of ['inProcess', 'worker'] as const) {
      const sorted = durations[name].sort((a, b) => a - b)
      results[name].push({
        durationMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
        worstStallMs: worst[name],
      })
    }
  }
  return results
}

/** A call that does almost nothing, alternately in-process and through the worker: what the hop itself costs. */
export async function roundTrips(
  connections: Connections,
  conversationId: number,
  plan: Plan,
  rounds: number,
): Promise<Record<keyof Connections, Latency>> {
  const req = request('conversations.get', { id: conversationId }, (conversation) =>
    expect(conversation.id === conversationId, 'id'),
  )
  const samples: Record<keyof Connections, number[]> = { inProcess: [], worker: [] }
  const block: Plan = {
    warmup: Math.ceil(plan.warmup / rounds),
    iterations: Math.ceil(plan.iterations / rounds),
  }
  for (let round = 0; round < rounds; round += 1) {
    for (const name of ['inProcess', 'worker'] as const) {
      samples[name].push(
        ...(await sampleAsync(block, async () => void (await callAsync(connections[name], req)))),
      )
    }
  }
  return { inProcess: latency(samples.inProcess), worker: latency(samples.worker) }
}
