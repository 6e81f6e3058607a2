import { describe, expect, it } from 'vitest'
import { DAY_MS, HOUR_MS } from '../../src/core/platform/clock'
import { JOB_NAMES } from '../../src/shared/contract/domains/jobs'
import { DATABASE_FILE, closeDatabase, openDatabase } from '../../src/core/db/open'
import { openTestCore, readDatabase } from '../support/core'
import { FakeClock } from '../support/fakeClock'
import { tempDir } from '../support/tempDir'
import path from 'node:path'

/** 12:30 UTC: the start-up prune's cutoff is 12:30 seven days earlier, mid-bucket. */
const NOW = Date.UTC(2025, 0, 15, 12, 30)
const WEEK_AGO_NOON = Date.UTC(2025, 0, 8, 12, 0)

/** Bucket start times relative to noon a week ago, in hours. */
const buckets = (file: string, table: string): number[] =>
  readDatabase(file, (db) =>
    db
      .prepare<[], number>(`SELECT time_bucket FROM ${table} ORDER BY time_bucket`)
      .pluck()
      .all()
      .map((bucket) => (bucket - WEEK_AGO_NOON) / HOUR_MS),
  )

/** A data folder whose monitoring tables were filled by an earlier run, before this core starts. */
function dataDirWithMonitoringRows(hours: number[]): string {
  const dir = tempDir()
  const { db } = openDatabase(dir)
  for (const hour of hours) {
    const bucket = WEEK_AGO_NOON + hour * HOUR_MS
    db.prepare(
      "INSERT INTO monitoring_token_usage (time_bucket, model, total_tokens) VALUES (?, 'm', 1)",
    ).run(bucket)
    db.prepare("INSERT INTO monitoring_stage_timing (time_bucket, stage_name, count) VALUES (?, 's', 1)").run(
      bucket,
    )
    db.prepare("INSERT INTO monitoring_data_stats (time_bucket, data_type, count) VALUES (?, 'd', 1)").run(
      bucket,
    )
  }
  closeDatabase(db)
  return dir
}

const TABLES = ['monitoring_token_usage', 'monitoring_stage_timing', 'monitoring_data_stats']

describe('the monitoring prune job', () => {
  it('removes buckets older than the retention at start-up and keeps the rest', () => {
    const dir = dataDirWithMonitoringRows([-30, -1, 0, 1, 2, 24, 7 * 24])
    const t = openTestCore({ dataDir: dir, clock: new FakeClock(NOW) })
    const file = path.join(dir, DATABASE_FILE)
    // Buckets starting before 12:30 a week ago are gone; 13:00 a week ago and later stay.
    for (const table of TABLES) expect(buckets(file, table), table).toEqual([1, 2, 24, 7 * 24])

    const [job] = t.call('jobs.list', {}).jobs
    expect(job).toMatchObject({
      name: 'monitoring.prune',
      intervalMs: HOUR_MS,
      running: false,
      nextRunAt: NOW + HOUR_MS,
      lastRun: {
        jobName: 'monitoring.prune',
        startedAt: NOW,
        finishedAt: NOW,
        ok: true,
        error: null,
        result: {
          retentionDays: 7,
          cutoff: NOW - 7 * DAY_MS,
          removed: 9,
          tokenUsage: 3,
          stageTiming: 3,
          dataStats: 3,
        },
      },
    })
  })

  it('runs every hour and removes the rows that have grown too old since', () => {
    const dir = dataDirWithMonitoringRows([0, 1, 2, 3])
    const t = openTestCore({ dataDir: dir, clock: new FakeClock(NOW) })
    const file = path.join(dir, DATABASE_FILE)
    expect(buckets(file, 'monitoring_token_usage')).toEqual([1, 2, 3])

    t.clock.advance(HOUR_MS - 1)
    expect(buckets(file, 'monitoring_token_usage')).toEqual([1, 2, 3])
    t.clock.advance(1)
    expect(buckets(file, 'monitoring_token_usage')).toEqual([2, 3])
    // Other hourly jobs (capture retention) run at the same moments.
    const pruneRuns = () =>
      t.eventsNamed('jobs.ran').filter((event) => event.run.jobName === 'monitoring.prune')
    expect(pruneRuns()).toHaveLength(1)
    expect(pruneRuns()[0]?.run).toMatchObject({
      startedAt: NOW + HOUR_MS,
      ok: true,
      result: { removed: 3 },
    })
    expect(t.call('jobs.list', {}).jobs[0]).toMatchObject({
      lastRun: { startedAt: NOW + HOUR_MS },
      nextRunAt: NOW + 2 * HOUR_MS,
    })

    t.clock.advance(2 * HOUR_MS)
    for (const table of TABLES) expect(buckets(file, table), table).toEqual([])
    expect(pruneRuns().map((event) => event.run.startedAt)).toEqual([
      NOW + HOUR_MS,
      NOW + 2 * HOUR_MS,
      NOW + 3 * HOUR_MS,
    ])
    expect(t.call('jobs.history', { name: 'monitoring.prune' }).items.map((run) => run.startedAt)).toEqual([
      NOW + 3 * HOUR_MS,
      NOW + 2 * HOUR_MS,
      NOW + HOUR_MS,
      NOW,
    ])
  })

  it('runs on demand, records the run, tells clients, and removes nothing the second time', () => {
    const t = openTestCore({ clock: new FakeClock(NOW) })
    t.clock.advance(10 * 60_000)
    const old = NOW - 8 * DAY_MS
    t.call('monitoring.recordTokenUsage', { model: 'm', promptTokens: 1, completionTokens: 1, at: old })
    t.call('monitoring.recordStageTiming', { stageName: 's', durationMs: 1, ok: true, at: old })
    t.call('monitoring.recordDataStats', { dataType: 'd', at: old })
    t.call('monitoring.recordDataStats', { dataType: 'd' })

    const first = t.call('jobs.run', { name: 'monitoring.prune' })
    expect(first).toMatchObject({ ok: true, startedAt: t.clock.now(), result: { removed: 3 } })
    expect(t.eventsNamed('jobs.ran')).toEqual([{ run: first }])
    const second = t.call('jobs.run', { name: 'monitoring.prune' })
    expect(second).toMatchObject({ ok: true, result: { removed: 0 } })
    expect(second.id).toBeGreaterThan(first.id)
    expect(t.call('monitoring.dataStats', { hours: 1 }).rows).toHaveLength(1)
    // A manual run pushes the next scheduled one an interval later.
    expect(t.call('jobs.list', {}).jobs[0]).toMatchObject({
      lastRun: second,
      nextRunAt: t.clock.now() + HOUR_MS,
    })
    expect(t.fail('jobs.run', { name: 'no.such.job' }).code).toBe('INVALID_INPUT')
  })

  it('follows the retention setting', () => {
    const t = openTestCore({ clock: new FakeClock(NOW) })
    t.call('monitoring.recordDataStats', { dataType: 'd', at: NOW - 2 * DAY_MS })
    t.call('monitoring.recordDataStats', { dataType: 'd', at: NOW - 12 * HOUR_MS })
    expect(t.call('jobs.run', { name: 'monitoring.prune' }).result).toMatchObject({ removed: 0 })
    t.call('settings.set', { key: 'monitoring.retentionDays', value: 1 })
    expect(t.call('jobs.run', { name: 'monitoring.prune' }).result).toMatchObject({
      retentionDays: 1,
      removed: 1,
    })
    expect(t.call('monitoring.dataStats', { hours: 48 }).rows).toHaveLength(1)
  })

  it('stops every job timer when the core closes', () => {
    const t = openTestCore({ clock: new FakeClock(NOW) })
    expect(t.clock.pendingTimers).toBe(JOB_NAMES.length)
    t.close()
    expect(t.clock.pendingTimers).toBe(0)
    t.clock.advance(5 * HOUR_MS)
  })
})

describe('the database optimize job', () => {
  it('runs every six hours, checkpoints the write-ahead log and records what it did', () => {
    const t = openTestCore({ clock: new FakeClock(NOW) })
    t.call('todos.create', { content: 'something to checkpoint' })
    const job = t.call('jobs.list', {}).jobs.find((entry) => entry.name === 'database.optimize')
    expect(job).toMatchObject({ lastRun: null, nextRunAt: NOW + 6 * HOUR_MS, intervalMs: 6 * HOUR_MS })
    t.clock.advance(6 * HOUR_MS)
    const runs = t.eventsNamed('jobs.ran').filter((event) => event.run.jobName === 'database.optimize')
    expect(runs).toHaveLength(1)
    expect(runs[0]?.run).toMatchObject({ ok: true, startedAt: NOW + 6 * HOUR_MS, result: { busy: false } })
    const result = runs[0]?.run.result as { walFrames: number; checkpointedFrames: number }
    expect(result.checkpointedFrames).toBe(result.walFrames)
  })
})
