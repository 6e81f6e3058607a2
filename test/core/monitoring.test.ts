import { describe, expect, it } from 'vitest'
import { HOUR_MS } from '../../src/core/platform/clock'
import { openTestCore, readDatabase } from '../support/core'
import { FakeClock } from '../support/fakeClock'

const NOON = Date.UTC(2025, 0, 15, 12, 0, 0)
const MINUTE = 60_000

function core() {
  return openTestCore({ clock: new FakeClock(NOON + 30 * MINUTE) })
}

const rowCount = (file: string, table: string): unknown =>
  readDatabase(file, (db) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get())

describe('monitoring', () => {
  it('adds two stage timings in the same hour into one row with summed counts and the right min and max', () => {
    const t = core()
    const first = t.call('monitoring.recordStageTiming', {
      stageName: 'ocr',
      durationMs: 30,
      ok: true,
      at: NOON + MINUTE,
    })
    expect(first).toEqual({
      timeBucket: NOON,
      stageName: 'ocr',
      count: 1,
      totalDurationMs: 30,
      minDurationMs: 30,
      maxDurationMs: 30,
      averageDurationMs: 30,
      successCount: 1,
      errorCount: 0,
    })
    const second = t.call('monitoring.recordStageTiming', {
      stageName: 'ocr',
      durationMs: 10,
      ok: false,
      at: NOON + 59 * MINUTE,
    })
    const expected = {
      timeBucket: NOON,
      stageName: 'ocr',
      count: 2,
      totalDurationMs: 40,
      minDurationMs: 10,
      maxDurationMs: 30,
      averageDurationMs: 20,
      successCount: 1,
      errorCount: 1,
    }
    expect(second).toEqual(expected)
    t.call('monitoring.recordStageTiming', { stageName: 'ocr', durationMs: 50, ok: true, at: NOON + HOUR_MS })
    expect(rowCount(t.core.databasePath, 'monitoring_stage_timing')).toBe(2)
    expect(t.call('monitoring.stageTiming', { from: NOON, to: NOON + HOUR_MS }).rows).toEqual([expected])
  })

  it('sums token usage per hour and model, and counts requests', () => {
    const t = core()
    t.call('monitoring.recordTokenUsage', { model: 'small', promptTokens: 100, completionTokens: 20 })
    const sum = t.call('monitoring.recordTokenUsage', {
      model: 'small',
      promptTokens: 50,
      completionTokens: 5,
    })
    expect(sum).toEqual({
      timeBucket: NOON,
      model: 'small',
      promptTokens: 150,
      completionTokens: 25,
      totalTokens: 175,
      requestCount: 2,
    })
    t.call('monitoring.recordTokenUsage', { model: 'large', promptTokens: 1, completionTokens: 1 })
    t.call('monitoring.recordTokenUsage', {
      model: 'small',
      promptTokens: 7,
      completionTokens: 0,
      at: NOON - 1,
    })
    expect(rowCount(t.core.databasePath, 'monitoring_token_usage')).toBe(3)
    expect(
      t.call('monitoring.tokenUsage', { hours: 1 }).rows.map((row) => [row.model, row.totalTokens]),
    ).toEqual([
      ['large', 2],
      ['small', 175],
    ])
    expect(
      t.call('monitoring.tokenUsage', { hours: 2 }).rows.map((row) => [row.timeBucket, row.model]),
    ).toEqual([
      [NOON - HOUR_MS, 'small'],
      [NOON, 'large'],
      [NOON, 'small'],
    ])
  })

  it('counts data items per bucket without a NULL context making new rows', () => {
    const t = core()
    t.call('monitoring.recordDataStats', { dataType: 'screenshot' })
    t.call('monitoring.recordDataStats', { dataType: 'screenshot', count: 4 })
    t.call('monitoring.recordDataStats', { dataType: 'screenshot', contextType: 'activity' })
    expect(t.call('monitoring.dataStats', { hours: 1 }).rows).toEqual([
      { timeBucket: NOON, dataType: 'screenshot', contextType: '', count: 5 },
      { timeBucket: NOON, dataType: 'screenshot', contextType: 'activity', count: 1 },
    ])
  })

  it('reads by the last N hours and by range', () => {
    const t = core()
    for (let hour = 0; hour < 6; hour += 1) {
      t.call('monitoring.recordDataStats', {
        dataType: 'note',
        count: hour + 1,
        at: NOON - hour * HOUR_MS + MINUTE,
      })
    }
    const buckets = (rows: { timeBucket: number }[]) => rows.map((row) => (row.timeBucket - NOON) / HOUR_MS)
    expect(buckets(t.call('monitoring.dataStats', { hours: 3 }).rows)).toEqual([-2, -1, 0])
    // A range starting mid-hour includes that hour's bucket; the end is exclusive.
    expect(
      buckets(
        t.call('monitoring.dataStats', { from: NOON - 4 * HOUR_MS + 5 * MINUTE, to: NOON - HOUR_MS }).rows,
      ),
    ).toEqual([-4, -3, -2])
    expect(t.call('monitoring.dataStats', { from: NOON + HOUR_MS, to: NOON + 2 * HOUR_MS }).rows).toEqual([])
  })

  it('sums a metric per interval for a trend, oldest first', () => {
    const t = core()
    // Six hours of tokens: 1, 2, 3, 4, 5, 6 for model a, 10 each hour for model b.
    const start = NOON - 5 * HOUR_MS
    for (let hour = 0; hour < 6; hour += 1) {
      const at = start + hour * HOUR_MS
      t.call('monitoring.recordTokenUsage', { model: 'a', promptTokens: hour + 1, completionTokens: 0, at })
      t.call('monitoring.recordTokenUsage', { model: 'b', promptTokens: 5, completionTokens: 5, at })
      t.call('monitoring.recordStageTiming', {
        stageName: 's',
        durationMs: 10 * (hour + 1),
        ok: hour % 2 === 0,
        at,
      })
    }
    const trend = t.call('monitoring.trend', { metric: 'tokens', window: { hours: 6 }, intervalHours: 2 })
    expect(trend.intervalMs).toBe(2 * HOUR_MS)
    // 2-hour intervals are aligned to UTC: 06:00, 08:00, 10:00, 12:00 (07:00 starts inside 06:00's).
    expect(trend.points).toEqual([
      { time: NOON - 6 * HOUR_MS, key: 'a', value: 1 },
      { time: NOON - 6 * HOUR_MS, key: 'b', value: 10 },
      { time: NOON - 4 * HOUR_MS, key: 'a', value: 2 + 3 },
      { time: NOON - 4 * HOUR_MS, key: 'b', value: 20 },
      { time: NOON - 2 * HOUR_MS, key: 'a', value: 4 + 5 },
      { time: NOON - 2 * HOUR_MS, key: 'b', value: 20 },
      { time: NOON, key: 'a', value: 6 },
      { time: NOON, key: 'b', value: 10 },
    ])
    const hourly = t.call('monitoring.trend', {
      metric: 'tokens',
      window: { from: start, to: NOON + HOUR_MS },
    })
    expect(hourly.points.filter((point) => point.key === 'a').map((point) => point.value)).toEqual([
      1, 2, 3, 4, 5, 6,
    ])
    const errors = t.call('monitoring.trend', {
      metric: 'stageErrors',
      window: { hours: 6 },
      intervalHours: 24,
    })
    expect(errors.points).toEqual([{ time: Date.UTC(2025, 0, 15), key: 's', value: 3 }])
    const duration = t.call('monitoring.trend', {
      metric: 'stageDuration',
      window: { hours: 6 },
      intervalHours: 3,
    })
    expect(duration.points.map((point) => point.value)).toEqual([(10 + 20) / 2, (30 + 40 + 50) / 3, 60])
    expect(t.call('monitoring.trend', { metric: 'data', window: { hours: 6 } }).points).toEqual([])
  })
})
