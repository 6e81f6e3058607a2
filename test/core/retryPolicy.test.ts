import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createCore } from '../../src/core/runtime/createCore'
import { DATABASE_FILE, checkpointFull, openDatabase } from '../../src/core/db/open'
import { isBusyError, retryWhenBusy } from '../../src/core/db/retry'
import { BUSY_RETRIES, BUSY_RETRY_MS, Scheduler } from '../../src/core/jobs/scheduler'
import { FakeClock } from '../support/fakeClock'
import { tempDir } from '../support/tempDir'

const busy = (): Error => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })

describe('retries only where that is safe', () => {
  it('retryWhenBusy tries idempotent work again while the database is busy, and nothing else', () => {
    const waits: number[] = []
    const sleep = (ms: number) => void waits.push(ms)
    let calls = 0
    const flaky = () => {
      calls += 1
      if (calls < 3) throw busy()
      return 'done'
    }
    expect(retryWhenBusy(flaky, { sleep, delayMs: 10 })).toBe('done')
    expect(waits).toEqual([10, 20])

    // Still busy after every try: the busy error comes out; a different failure is never retried.
    calls = 0
    expect(() =>
      retryWhenBusy(
        () => {
          calls += 1
          throw busy()
        },
        { sleep, attempts: 3 },
      ),
    ).toThrow('database is locked')
    expect(calls).toBe(3)
    calls = 0
    expect(() =>
      retryWhenBusy(
        () => {
          calls += 1
          throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' })
        },
        { sleep },
      ),
    ).toThrow('disk full')
    expect(calls).toBe(1)
    expect(isBusyError(Object.assign(new Error('x'), { code: 'SQLITE_LOCKED_SHAREDCACHE' }))).toBe(true)
  })

  it('never re-runs a refused contract write: after the lock is gone the write has not happened', () => {
    const dir = tempDir()
    const clock = new FakeClock()
    const core = createCore({ dataDir: dir, busyTimeoutMs: 30, clock })
    onTestFinished(() => core.close())
    const other = new Database(path.join(dir, DATABASE_FILE))
    other.exec('BEGIN IMMEDIATE')
    expect(core.dispatch('todos.create', { content: 'while locked' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    })
    other.exec('ROLLBACK')
    other.close()
    clock.advance(60 * 60_000)
    expect(core.dispatch('todos.list', {})).toMatchObject({ ok: true, result: { total: 0 } })
  })

  it('tries a job that met a busy database again soon, and then keeps its interval', () => {
    const dir = tempDir()
    const opened = openDatabase(dir)
    onTestFinished(() => void opened.db.close())
    const clock = new FakeClock()
    let runs = 0
    let busyRuns = BUSY_RETRIES + 1
    const scheduler = new Scheduler({ db: opened.db, clock, emit: () => undefined }, [
      {
        name: 'monitoring.prune',
        description: 'test job',
        intervalMs: 60 * 60_000,
        runAtStartup: false,
        run: () => {
          runs += 1
          if (busyRuns > 0) {
            busyRuns -= 1
            throw busy()
          }
          return { ok: true }
        },
      },
    ])
    scheduler.start()
    onTestFinished(() => scheduler.stop())
    clock.advance(60 * 60_000)
    expect(runs).toBe(1)
    // The busy run is tried again after BUSY_RETRY_MS, up to BUSY_RETRIES times...
    for (let retry = 1; retry <= BUSY_RETRIES; retry += 1) {
      clock.advance(BUSY_RETRY_MS)
      expect(runs).toBe(1 + retry)
    }
    // ...then it waits its whole interval again, and succeeds.
    clock.advance(BUSY_RETRY_MS)
    expect(runs).toBe(1 + BUSY_RETRIES)
    clock.advance(60 * 60_000)
    expect(runs).toBe(2 + BUSY_RETRIES)
    const history = scheduler.history('monitoring.prune', 10).map((run) => run.ok)
    expect(history).toEqual([true, ...Array.from({ length: BUSY_RETRIES + 1 }, () => false)])
  })

  it('keeps a job scheduled when even its failure cannot be recorded (the lock is held by another program)', () => {
    const dir = tempDir()
    const opened = openDatabase(dir, { busyTimeoutMs: 20 })
    onTestFinished(() => void opened.db.close())
    const clock = new FakeClock()
    let runs = 0
    const scheduler = new Scheduler({ db: opened.db, clock, emit: () => undefined }, [
      {
        name: 'monitoring.prune',
        description: 'test job',
        intervalMs: 60_000,
        runAtStartup: false,
        run: () => {
          runs += 1
          return {}
        },
      },
    ])
    scheduler.start()
    onTestFinished(() => scheduler.stop())
    const other = new Database(path.join(dir, DATABASE_FILE))
    other.exec('BEGIN IMMEDIATE')
    expect(() => clock.advance(60_000)).not.toThrow()
    other.exec('ROLLBACK')
    other.close()
    clock.advance(60_000)
    expect(runs).toBe(2)
    expect(scheduler.history('monitoring.prune', 10)).toHaveLength(1)
  })

  it('the FULL checkpoint is tried again while a reader holds the log, and says when it could not finish', () => {
    const dir = tempDir()
    const opened = openDatabase(dir, { busyTimeoutMs: 20 })
    onTestFinished(() => void opened.db.close())
    opened.db.pragma('wal_autocheckpoint = 0')
    opened.db.exec(
      "INSERT INTO todos (content, status, urgency, created_at, updated_at) VALUES ('t', 'open', 0, 1, 1)",
    )
    const reader = new Database(opened.path, { readonly: true })
    reader.exec('BEGIN')
    reader.prepare('SELECT count(*) FROM todos').get()
    const waits: number[] = []
    expect(checkpointFull(opened.db, { sleep: (ms) => void waits.push(ms) })).toBe(false)
    expect(waits).toEqual([100])
    reader.exec('COMMIT')
    reader.close()
    expect(checkpointFull(opened.db)).toBe(true)
    expect(fs.statSync(`${opened.path}-wal`).size).toBe(0)
  })
})
