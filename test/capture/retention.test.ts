import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../src/core/platform/clock'

const MINUTE_MS = 60_000
import { openTestCore } from '../support/core'
import { FakeClock } from '../support/fakeClock'
import { FakeScreen } from '../support/fakeScreen'

const imagesOnDisk = (dataDir: string): number => {
  const root = path.join(dataDir, 'captures')
  return fs.existsSync(root)
    ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((name) =>
        /\.(?:jpg|webp|png)$/.test(name),
      ).length
    : 0
}

/** A core with a fake screen and `count` stored frames, one a day, the oldest first. */
async function withFrames(count: number) {
  const clock = new FakeClock()
  const screen = new FakeScreen(clock)
  const t = openTestCore({ clock, core: { platform: { screen } } })
  t.call('settings.set', { key: 'capture.enabled', value: true })
  t.call('settings.set', { key: 'capture.paused', value: true })
  const ids: number[] = []
  for (let day = 0; day < count; day += 1) {
    screen.seed = day + 1
    const { ticks } = await t.callAsync('capture.captureNow', {})
    ids.push(ticks[0]?.captureId ?? 0)
    clock.advance(DAY_MS)
  }
  return { t, clock, ids }
}

describe('the capture retention job', () => {
  it('deletes images older than the retention days and keeps their rows', async () => {
    const { t, ids } = await withFrames(5)
    expect(imagesOnDisk(t.dataDir)).toBe(5)
    t.call('settings.set', { key: 'capture.retentionDays', value: 3 })
    const run = await t.callAsync('jobs.run', { name: 'capture.retention' })
    expect(run).toMatchObject({ ok: true, result: { byAge: 2, bySize: 0 } })
    expect(imagesOnDisk(t.dataDir)).toBe(3)
    const list = t.call('capture.list', { from: 0, to: t.clock.now() })
    expect(list.items.map((item) => item.imageAvailable)).toEqual([false, false, true, true, true])
    expect(t.call('capture.image', { id: ids[0] ?? 0 })).toEqual({
      id: ids[0],
      dataUrl: null,
      deletedAt: t.clock.now(),
    })
    expect(t.call('capture.image', { id: ids[4] ?? 0 }).dataUrl).toMatch(/^data:image\/jpeg;base64,/)
  })

  it('then deletes the oldest images until the rest fit the storage budget', async () => {
    const { t } = await withFrames(4)
    const bytes = t.call('capture.list', { from: 0, to: t.clock.now() }).items.map((item) => item.bytes)
    const sizeMb = 50
    // The fake screen's frames are ~1 kB and the smallest budget is 50 MB: the rows are told each frame
    // took 20 MB, which is what the job sums (it never stats files).
    const big = 20 * 1024 * 1024
    expect(bytes.every((size) => size < big)).toBe(true)
    const db = new Database(t.core.databasePath)
    db.prepare('UPDATE captures SET bytes = ?').run(big)
    db.close()
    t.call('settings.set', { key: 'capture.maxStorageMb', value: sizeMb })
    const run = await t.callAsync('jobs.run', { name: 'capture.retention' })
    expect(run).toMatchObject({ ok: true, result: { byAge: 0, bySize: 2, storedBytes: 2 * big } })
    const list = t.call('capture.list', { from: 0, to: t.clock.now() })
    expect(list.items.map((item) => item.imageAvailable)).toEqual([false, false, true, true])
    expect(imagesOnDisk(t.dataDir)).toBe(2)
  })

  it('over budget, thins days older than a week to fewer frames an hour, oldest first, before deleting any day', async () => {
    const clock = new FakeClock()
    const screen = new FakeScreen(clock)
    const t = openTestCore({ clock, core: { platform: { screen } } })
    t.call('settings.set', { key: 'capture.enabled', value: true })
    t.call('settings.set', { key: 'capture.paused', value: true })
    // 12 days, each with six frames ten minutes apart in one hour (12:00 ... 12:50).
    for (let day = 0; day < 12; day += 1) {
      for (let frame = 0; frame < 6; frame += 1) {
        screen.seed = day * 10 + frame + 1
        await t.callAsync('capture.captureNow', {})
        clock.advance(10 * MINUTE_MS)
      }
      clock.advance(DAY_MS - 60 * MINUTE_MS)
    }
    expect(imagesOnDisk(t.dataDir)).toBe(72)
    // Each row is told its frame took 1 MiB (the job sums the rows' bytes); 72 MiB against a 50 MiB budget.
    const db = new Database(t.core.databasePath)
    db.prepare('UPDATE captures SET bytes = ?').run(1024 * 1024)
    db.close()
    t.call('settings.set', { key: 'capture.maxStorageMb', value: 50 })
    const run = await t.callAsync('jobs.run', { name: 'capture.retention' })
    expect(run).toMatchObject({ ok: true, result: { byAge: 0, thinned: 22, bySize: 0 } })
    expect(imagesOnDisk(t.dataDir)).toBe(50)
    const kept = t.call('capture.list', { from: 0, to: t.clock.now(), limit: 100 }).items
    const perDay = Array.from({ length: 12 }, (_, day) =>
      kept
        .filter(
          (item) =>
            item.imageAvailable && Math.floor((item.capturedAt - kept[0]!.capturedAt) / DAY_MS) === day,
        )
        .map((item) => new Date(item.capturedAt).getUTCMinutes()),
    )
    // The two oldest days keep one frame for their hour, the next three two (one each half hour); the last
    // week keeps every frame. Every day still has a picture.
    expect(perDay.slice(0, 2)).toEqual([[0], [0]])
    expect(perDay.slice(2, 5)).toEqual([
      [0, 30],
      [0, 30],
      [0, 30],
    ])
    expect(perDay.slice(5).every((minutes) => minutes.length === 6)).toBe(true)
    // What Settings shows: disk used per day, newest first, and the projection for the retention chosen.
    const storage = t.call('capture.storage', {})
    expect(storage.days).toHaveLength(12)
    expect(storage.days[0]).toMatchObject({ bytes: 6 * 1024 * 1024, frames: 6 })
    expect(storage.days[11]).toMatchObject({ bytes: 1024 * 1024, frames: 1 })
    expect(storage.storedBytes).toBe(50 * 1024 * 1024)
    expect(storage.budgetBytes).toBe(50 * 1024 * 1024)
    // The last 14 days with frames (all 12 here): 50 MiB / 12, for 30 days of retention.
    expect(storage.dailyBytes).toBe(Math.round((50 * 1024 * 1024) / 12))
    expect(storage.projectedBytes).toBe(storage.dailyBytes * 30)
  })
})
