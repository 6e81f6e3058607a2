import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/db/open'
import { note, noteBecause } from '../../src/shared/coreNotes'
import { WorkQueue } from '../../src/core/work/queue'
import type { WorkHandler } from '../../src/core/work/runner'
import { DeferWork, WorkRunner } from '../../src/core/work/runner'
import { FakeClock } from '../support/fakeClock'
import { tempDir } from '../support/tempDir'

const START = Date.UTC(2026, 10, 21, 8)

function open(dataDir: string, clock = new FakeClock(START)) {
  const { db } = openDatabase(dataDir)
  return { db, clock, queue: new WorkQueue(db, clock) }
}

/** A report the work "produces": a daily report document, written in the same transaction as "done". */
function reportWriter(db: Database.Database, day: string) {
  return () => {
    db.prepare(
      "INSERT INTO vaults (title, document_type, created_at, updated_at) VALUES (?, 'daily_report', 0, 0)",
    ).run(`Daily report ${day}`)
  }
}

const reports = (db: Database.Database) =>
  db.prepare("SELECT title FROM vaults WHERE document_type = 'daily_report' ORDER BY id").pluck().all()

describe('the durable work queue', () => {
  it('queues the same work once however often it is asked for', () => {
    const { queue } = open(tempDir())
    const first = queue.enqueue('report.daily', '2026-11-20', { day: '2026-11-20' })
    const again = queue.enqueue('report.daily', '2026-11-20', { day: 'changed' })
    expect(again).toEqual(first)
    expect(again.payload).toEqual({ day: '2026-11-20' })
    expect(queue.counts()).toEqual({ queued: 1, running: 0, done: 0, failed: 0 })
  })

  it('runs due work in order and writes each result with its completion', async () => {
    const { db, clock, queue } = open(tempDir())
    const seen: string[] = []
    const handler: WorkHandler = async (item) => {
      seen.push(item.dedupeKey)
      return { result: { ok: true }, write: reportWriter(db, item.dedupeKey) }
    }
    queue.enqueue('report.daily', '2026-11-19', {})
    queue.enqueue('report.daily', '2026-11-20', {})
    const runner = new WorkRunner(queue, clock, { 'report.daily': handler })
    runner.start()
    await runner.idle()
    expect(seen).toEqual(['2026-11-19', '2026-11-20'])
    expect(reports(db)).toEqual(['Daily report 2026-11-19', 'Daily report 2026-11-20'])
    expect(queue.counts()).toMatchObject({ done: 2, queued: 0 })
    await runner.stop()
  })

  it('loses no work and duplicates no result when the process dies mid-work', async () => {
    const dataDir = tempDir()
    const before = open(dataDir)
    before.queue.enqueue('report.daily', '2026-11-20', {})
    const taken = before.queue.claimNext()
    expect(taken?.status).toBe('running')
    // The process dies here: the model was asked, nothing was written, the item is left "running".
    before.db.close()

    const after = open(dataDir)
    let calls = 0
    const runner = new WorkRunner(after.queue, after.clock, {
      'report.daily': async (item) => {
        calls += 1
        return { result: {}, write: reportWriter(after.db, item.dedupeKey) }
      },
    })
    runner.start()
    await runner.idle()
    expect(calls).toBe(1)
    expect(reports(after.db)).toEqual(['Daily report 2026-11-20'])
    // Asking for the same day again after it is done changes nothing.
    after.queue.enqueue('report.daily', '2026-11-20', {})
    runner.poke()
    await runner.idle()
    expect(reports(after.db)).toHaveLength(1)
    await runner.stop()
  })

  it('keeps neither the result nor "done" when writing the result fails, and retries with back-off', async () => {
    const { db, clock, queue } = open(tempDir())
    let attempt = 0
    const runner = new WorkRunner(
      queue,
      clock,
      {
        'report.daily': async (item) => {
          attempt += 1
          const write = reportWriter(db, item.dedupeKey)
          return {
            result: {},
            write: () => {
              write()
              if (attempt === 1) throw new Error('disk hiccup')
            },
          }
        },
      },
      { retryDelayMs: (n) => n * 60_000 },
    )
    const item = queue.enqueue('report.daily', '2026-11-20', {})
    runner.start()
    await runner.idle()
    expect(reports(db)).toEqual([])
    expect(queue.get(item.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'disk hiccup',
      runAfter: START + 60_000,
    })
    clock.advance(59_999)
    await runner.idle()
    expect(attempt).toBe(1)
    clock.advance(1)
    await runner.idle()
    expect(attempt).toBe(2)
    expect(reports(db)).toEqual(['Daily report 2026-11-20'])
    await runner.stop()
  })

  it('gives up after the last attempt and keeps the error', async () => {
    const { clock, queue } = open(tempDir())
    const item = queue.enqueue('tips.hourly', '2026-11-20T08', {}, { maxAttempts: 2 })
    const runner = new WorkRunner(
      queue,
      clock,
      { 'tips.hourly': () => Promise.reject(new Error('provider down')) },
      { retryDelayMs: () => 1_000 },
    )
    runner.start()
    await runner.idle()
    clock.advance(1_000)
    await runner.idle()
    expect(queue.get(item.id)).toMatchObject({ status: 'failed', attempts: 2, lastError: 'provider down' })
    await runner.stop()
  })

  it('waits for work queued for later, and fails work nobody can do', async () => {
    const { clock, queue } = open(tempDir())
    const runs: string[] = []
    const runner = new WorkRunner(queue, clock, {
      later: async (item) => (runs.push(item.dedupeKey), { result: {} }),
    })
    queue.enqueue('later', 'k', {}, { runAfter: START + 15 * 60_000 })
    const orphan = queue.enqueue('no.such.kind', 'k', {})
    runner.start()
    await runner.idle()
    expect(runs).toEqual([])
    expect(queue.get(orphan.id)).toMatchObject({
      status: 'failed',
      lastError: 'No handler for work of kind no.such.kind.',
    })
    clock.advance(15 * 60_000)
    await runner.idle()
    expect(runs).toEqual(['k'])
    await runner.stop()
  })

  it('puts the item in hand back, attempt uncounted, when stopped mid-work', async () => {
    const { clock, queue } = open(tempDir())
    const item = queue.enqueue('slow', 'k', {})
    let started: () => void = () => undefined
    const running = new Promise<void>((resolve) => (started = resolve))
    const runner = new WorkRunner(queue, clock, {
      slow: (_item, signal) =>
        new Promise((_resolve, reject) => {
          started()
          signal.addEventListener('abort', () => reject(new Error('aborted')))
        }),
    })
    runner.start()
    await running
    await runner.stop()
    expect(queue.get(item.id)).toMatchObject({ status: 'queued', attempts: 0 })
  })

  it('defers work for a reason outside it without spending an attempt, and wakes it when asked', async () => {
    const { clock, queue } = open(tempDir())
    const item = queue.enqueue('needs.model', 'k', {})
    let ready = false
    const runner = new WorkRunner(queue, clock, {
      'needs.model': () => {
        if (!ready) return Promise.reject(new DeferWork('Waiting for a model.', clock.now() + 3_600_000))
        return Promise.resolve({ result: { ran: true } })
      },
    })
    runner.start()
    await runner.idle()
    expect(queue.get(item.id)).toMatchObject({
      status: 'queued',
      attempts: 0,
      lastError: 'Waiting for a model.',
    })
    expect(queue.problems(10).map((problem) => problem.id)).toEqual([item.id])
    ready = true
    expect(queue.wakeWaiting()).toBe(1)
    runner.poke()
    await runner.idle()
    expect(queue.get(item.id)).toMatchObject({ status: 'done', attempts: 1, lastError: '' })
    await runner.stop()
  })

  it('gives a failed item a fresh set of attempts on retry, and forgets old finished work but the newest of each kind', async () => {
    const { clock, queue } = open(tempDir())
    const broken = queue.enqueue('k', 'broken', {}, { maxAttempts: 1 })
    const runner = new WorkRunner(queue, clock, { k: () => Promise.reject(new Error('nope')) })
    runner.start()
    await runner.idle()
    await runner.stop()
    expect(queue.get(broken.id)).toMatchObject({ status: 'failed', lastError: 'nope' })
    expect(queue.retry(broken.id)).toBe(true)
    expect(queue.retry(broken.id)).toBe(false)
    expect(queue.get(broken.id)).toMatchObject({ status: 'queued', attempts: 0 })

    const done = (key: string) => {
      const item = queue.enqueue('d', key, {})
      const claimed = queue.claimNext()
      if (claimed?.id !== item.id) throw new Error('expected to claim the item just queued')
      queue.complete(claimed, {})
      return item
    }
    queue.abandon(queue.claimNext() ?? broken, 'gone')
    const old = done('old')
    const newest = done('newest')
    clock.advance(60_000)
    expect(queue.pruneFinished(clock.now())).toBe(1)
    expect(queue.get(old.id)).toBeNull()
    expect(queue.get(broken.id)).toMatchObject({ status: 'failed' })
    expect(queue.get(newest.id)).toMatchObject({ status: 'done' })
  })

  it('reports a failure of the queue itself (the database gone mid-item) instead of an unhandled rejection', async () => {
    const { db, clock, queue } = open(tempDir())
    queue.enqueue('k', 'one', {})
    let finish: () => void = () => undefined
    const errors: unknown[] = []
    const runner = new WorkRunner(
      queue,
      clock,
      { k: () => new Promise((resolve) => (finish = () => resolve({ result: {} }))) },
      { onError: (error) => errors.push(error) },
    )
    runner.start()
    await new Promise((resolve) => setTimeout(resolve, 10))
    db.close()
    finish()
    await runner.idle()
    expect(errors.length).toBeGreaterThan(0)
    for (const error of errors) expect(String(error)).toMatch(/not open/)
  })
})

describe('the note beside an item’s error', () => {
  const waiting = noteBecause('workWaitingForAi', note('aiNoChatModel'))

  it('keeps the note of a deferral and of a failure beside the English, and clears both when the item is done', async () => {
    const { clock, queue } = open(tempDir())
    const deferred = queue.enqueue('needs.model', 'k', {})
    const failing = queue.enqueue('flaky', 'k', {}, { maxAttempts: 1 })
    let ready = false
    const runner = new WorkRunner(
      queue,
      clock,
      {
        'needs.model': () =>
          ready
            ? Promise.resolve({ result: {} })
            : Promise.reject(new DeferWork(waiting, clock.now() + 60_000)),
        flaky: () => Promise.reject(new Error('The AI provider sent a malformed answer.')),
      },
      {
        noteOf: (error) =>
          error instanceof Error && error.message.includes('malformed') ? note('llmMalformedAnswer') : null,
      },
    )
    runner.start()
    await runner.idle()
    expect(queue.get(deferred.id)).toMatchObject({
      status: 'queued',
      lastError: 'Waiting for AI to be configured: No chat model is set.',
      lastNote: { code: 'workWaitingForAi', params: {}, reason: { code: 'aiNoChatModel', params: {} } },
    })
    expect(queue.get(failing.id)).toMatchObject({
      status: 'failed',
      lastNote: { code: 'llmMalformedAnswer', params: {} },
    })
    expect(
      queue
        .problems(10)
        .map((problem) => problem.lastNote?.code)
        .sort(),
    ).toEqual(['llmMalformedAnswer', 'workWaitingForAi'])
    ready = true
    queue.wakeWaiting()
    runner.poke()
    await runner.idle()
    expect(queue.get(deferred.id)).toMatchObject({ status: 'done', lastError: '', lastNote: null })
    await runner.stop()
  })

  it('a failure without a note leaves none, not the previous attempt’s', () => {
    const { queue } = open(tempDir())
    const item = queue.enqueue('k', 'k', {})
    queue.defer(queue.claimNext() ?? item, 'Waiting.', START, waiting)
    expect(queue.get(item.id)?.lastNote?.code).toBe('workWaitingForAi')
    expect(queue.fail(queue.claimNext() ?? item, 'a bug', 1_000)).toBe('queued')
    expect(queue.get(item.id)).toMatchObject({ lastError: 'a bug', lastNote: null })
  })

  it('does not keep a note the contract would refuse, and still records the failure', () => {
    const { queue } = open(tempDir())
    const item = queue.enqueue('k', 'k', {})
    const tooLong = note('llmRejected', { status: 400, detail: 'x'.repeat(5_000) })
    expect(queue.fail(queue.claimNext() ?? item, 'rejected', 1_000, tooLong)).toBe('queued')
    expect(queue.get(item.id)).toMatchObject({ lastError: 'rejected', lastNote: null })
  })

  it.each([
    ['not JSON', '{"code":'],
    ['not an object', '"workWaitingForAi"'],
    ['a code that is not text', '{"code":7,"params":{}}'],
    ['params that are objects', '{"code":"llmFailed","params":{"detail":{"html":"<b>"}}}'],
    [
      'a reason that is not a note',
      JSON.stringify({ ...note('workWaitingForAi'), reason: 'No chat model is set.' }),
    ],
    ['a huge param', JSON.stringify(note('llmFailed', { detail: 'x'.repeat(10_000) }))],
  ])('reads a garbled stored note (%s) as none, never failing', (_, stored) => {
    const { db, queue } = open(tempDir())
    const item = queue.enqueue('k', 'k', {})
    queue.defer(queue.claimNext() ?? item, 'Waiting.', START + 60_000, waiting)
    db.prepare('UPDATE work_items SET last_note = ? WHERE id = ?').run(stored, item.id)
    expect(queue.get(item.id)).toMatchObject({ lastError: 'Waiting.', lastNote: null })
    expect(queue.problems(5)).toMatchObject([{ id: item.id, lastNote: null }])
  })
})
