import { performance } from 'node:perf_hooks'
import type { CoreConnection } from '../src/core/runtime/connection'
import type { Core } from '../src/core/runtime/createCore'
import type { BareCeiling } from './bare'
import { cairnPlan } from './bare'
import type { Request } from './calls'
import { callAsync, dispatchSync, expect, request } from './calls'
import type { Latency, Plan, Rate } from './stats'
import { latency, rate, sampleSync } from './stats'
import { COMMON_TERM, RARE_COUNT, RARE_TERM } from './text'
import type { Workload } from './workload'
import { COMMON_SEARCH, LAST_PAGE, RARE_SEARCH, SEARCH_LIMIT } from './workload'

export const OPERATIONS = ['insert', 'last200', 'searchRare', 'searchCommon', 'upsert'] as const
export type Operation = (typeof OPERATIONS)[number]
export type SuitePlans = Record<Operation, Plan>

export const TARGETS = ['bare', 'dispatch', 'worker'] as const
export type TargetName = (typeof TARGETS)[number]

/** Runs call `index` of an operation; returns a promise only when the call crosses to another thread. */
export type Target = (operation: Operation, index: number) => void | Promise<void>

export interface SuiteResult {
  insert: Rate
  /** Per-insert times: the median is the call itself, the tail is FTS5 segment merges and WAL checkpoints. */
  insertLatency: Latency
  last200: Latency
  searchRare: Latency
  searchCommon: Latency
  upsert: Rate
}

const RARE_HITS = Math.min(RARE_COUNT, SEARCH_LIMIT)

function cairnRequests(workload: Workload): Record<Operation, (index: number) => Request> {
  return {
    insert: (index) =>
      request('messages.create', workload.message(index), (message) => expect(message.id > 0, 'message id')),
    last200: (index) =>
      request('messages.list', { conversationId: workload.conversation(index), limit: LAST_PAGE }, (page) =>
        expect(page.items.length > 0, 'a page of messages'),
      ),
    searchRare: () =>
      request('search.query', RARE_SEARCH, (found) =>
        expect(found.hits.length === RARE_HITS, `${RARE_HITS} rare hits`),
      ),
    searchCommon: () =>
      request('search.query', COMMON_SEARCH, (found) =>
        expect(found.hits.length === SEARCH_LIMIT, `${SEARCH_LIMIT} common hits`),
      ),
    upsert: (index) =>
      request('monitoring.recordTokenUsage', workload.tokenUsage(index), (row) =>
        expect(row.requestCount > 0, 'a bucket row'),
      ),
  }
}

/** Cairn through core.dispatch on this thread: validation, service, row mapping; no transport. */
export function dispatchTarget(core: Core, workload: Workload): Target {
  const requests = cairnRequests(workload)
  return (operation, index) => {
    dispatchSync(core, requests[operation](index))
  }
}

/** Cairn through a CoreConnection (the worker thread): what the Electron main thread or the host sees. */
export function connectionTarget(connection: CoreConnection, workload: Workload): Target {
  const requests = cairnRequests(workload)
  return async (operation, index) => {
    await callAsync(connection, requests[operation](index))
  }
}

/** The same statements on a bare better-sqlite3 connection: the ceiling. */
export function bareTarget(bare: BareCeiling, workload: Workload): Target {
  const rareMatch = cairnPlan(RARE_TERM)
  const commonMatch = cairnPlan(COMMON_TERM)
  return (operation, index) => {
    switch (operation) {
      case 'insert':
        return bare.insertMessage(workload.message(index))
      case 'last200':
        return expect(bare.lastPage(workload.conversation(index), LAST_PAGE) > 0, 'a page')
      case 'searchRare':
        return expect(bare.searchNewest(rareMatch, SEARCH_LIMIT) === RARE_HITS, `${RARE_HITS} rare hits`)
      case 'searchCommon':
        return expect(
          bare.searchNewest(commonMatch, SEARCH_LIMIT) === SEARCH_LIMIT,
          `${SEARCH_LIMIT} common hits`,
        )
      case 'upsert':
        return bare.upsertTokenUsage(workload.tokenUsage(index))
    }
  }
}

async function sampleBlock(
  target: Target,
  operation: Operation,
  from: number,
  count: number,
  into: number[],
): Promise<void> {
  for (let index = from; index < from + count; index += 1) {
    const start = performance.now()
    const pending = target(operation, index)
    if (pending) await pending
    into.push(performance.now() - start)
  }
}

/**
 * Every target runs every operation with the same inputs, in ROUNDS interleaved blocks whose order rotates,
 * so the slow drift of a growing database, a checkpoint or a busy neighbour falls on all of them alike.
 */
export async function runSuites(
  targets: Record<TargetName, Target>,
  plans: SuitePlans,
  rounds: number,
): Promise<Record<TargetName, SuiteResult>> {
  const samples = Object.fromEntries(
    TARGETS.map((name) => [
      name,
      Object.fromEntries(OPERATIONS.map((operation) => [operation, [] as number[]])),
    ]),
  ) as Record<TargetName, Record<Operation, number[]>>
  for (const operation of OPERATIONS) {
    const plan = plans[operation]
    for (const name of TARGETS) await sampleBlock(targets[name], operation, 0, plan.warmup, [])
    const block = Math.ceil(plan.iterations / rounds)
    for (let round = 0; round < rounds; round += 1) {
      const from = plan.warmup + round * block
      const count = Math.min(block, plan.warmup + plan.iterations - from)
      for (let turn = 0; turn < TARGETS.length; turn += 1) {
        const name = TARGETS[(round + turn) % TARGETS.length] ?? 'bare'
        await sampleBlock(targets[name], operation, from, count, samples[name][operation])
      }
    }
  }
  const summarize = (name: TargetName): SuiteResult => ({
    insert: rate(samples[name].insert),
    insertLatency: latency(samples[name].insert),
    last200: latency(samples[name].last200),
    searchRare: latency(samples[name].searchRare),
    searchCommon: latency(samples[name].searchCommon),
    upsert: rate(samples[name].upsert),
  })
  return { bare: summarize('bare'), dispatch: summarize('dispatch'), worker: summarize('worker') }
}

/**
 * For comparison only: the common word while it is still being typed ("projec"), which no whole word
 * matches, so the prefix merge over every word it expands to runs.
 */
export function barePrefixCommonSearch(bare: BareCeiling, plan: Plan): Latency {
  const match = cairnPlan(COMMON_TERM.slice(0, -1)).prefixed
  if (match === null) throw new Error('the typed prefix has no prefix query')
  return latency(
    sampleSync(plan, () => expect(bare.searchMatch(match, SEARCH_LIMIT) === SEARCH_LIMIT, 'prefix hits')),
  )
}
