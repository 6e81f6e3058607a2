import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { NO_SCREEN_REASON } from '../../src/core/capture/service'
import { openTestCore } from '../support/core'
import type { TestCore } from '../support/core'
import { FakeClock } from '../support/fakeClock'
import { FakePower, FakeScreen } from '../support/fakeScreen'

const INTERVAL = 15_000

/** Lets the tick that a timer started (it awaits the platform) run to its end. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) await new Promise((resolve) => setImmediate(resolve))
}

function setup(): { t: TestCore; screen: FakeScreen; power: FakePower; clock: FakeClock } {
  const clock = new FakeClock()
  const screen = new FakeScreen(clock)
  const power = new FakePower()
  const t = openTestCore({ clock, core: { platform: { screen, power } } })
  t.call('settings.set', { key: 'capture.enabled', value: true })
  return { t, screen, power, clock }
}

async function tick(clock: FakeClock, ms = INTERVAL): Promise<void> {
  clock.advance(ms)
  await settle()
}

/** Every tick row, read on a second connection as any reader of the file would. */
function ticks(t: TestCore): { outcome: string; reason: string; at: number }[] {
  const db = new Database(t.core.databasePath, { readonly: true })
  try {
    return db.prepare('SELECT outcome, reason, at FROM capture_ticks ORDER BY id').all() as {
      outcome: string
      reason: string
      at: number
    }[]
  } finally {
    db.close()
  }
}

const outcomes = (t: TestCore): string[] => ticks(t).map((row) => row.outcome)

const imageFiles = (dataDir: string): string[] => {
  const root = path.join(dataDir, 'captures')
  return fs.existsSync(root)
    ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((name) => /\.(jpg|png|webp)$/.test(name))
    : []
}

describe('the capture schedule', () => {
  it('takes a frame every interval, drops an unchanged screen and keeps a changed one', async () => {
    const { t, screen, clock } = setup()
    await tick(clock, INTERVAL - 1)
    expect(screen.calls).toHaveLength(0)
    await tick(clock, 1)
    expect(screen.calls).toEqual([null])
    await tick(clock)
    screen.seed = 2
    await tick(clock)
    expect(outcomes(t)).toEqual(['captured', 'unchanged', 'captured'])
    expect(imageFiles(t.dataDir)).toHaveLength(2)
    const list = t.call('capture.list', { from: 0, to: clock.now() + 1 })
    expect(list.total).toBe(2)
    expect(list.items[0]).toMatchObject({ displayId: 'display:1', appName: 'Code', imageAvailable: true })
    const status = t.call('capture.status', {})
    expect(status).toMatchObject({ state: 'running', available: true, lastCaptureAt: clock.now() })
    expect(status.today).toMatchObject({ captured: 2, unchanged: 1 })

    await tick(clock, 5_000)
    t.call('settings.set', { key: 'capture.intervalSeconds', value: 60 })
    // The new interval counts from the change, not from the end of the wait under way.
    const before = screen.calls.length
    await tick(clock, 59_000)
    expect(screen.calls).toHaveLength(before)
    await tick(clock, 1_000)
    expect(screen.calls).toHaveLength(before + 1)
  })

  it('captures only the chosen displays', async () => {
    const { t, screen, clock } = setup()
    screen.connected = ['display:1', 'display:2']
    expect(await t.callAsync('capture.displays', {})).toEqual({
      all: true,
      items: [
        { id: 'display:1', label: 'Screen 1', chosen: false },
        { id: 'display:2', label: 'Screen 2', chosen: false },
      ],
    })
    t.call('settings.set', { key: 'capture.displays', value: ['display:2', 'display:9'] })
    expect(await t.callAsync('capture.displays', {})).toEqual({
      all: false,
      items: [
        { id: 'display:1', label: 'Screen 1', chosen: false },
        { id: 'display:2', label: 'Screen 2', chosen: true },
        { id: 'display:9', label: 'display:9 (not connected)', chosen: true },
      ],
    })
    await tick(clock)
    expect(screen.calls).toEqual([['display:2', 'display:9']])
    expect(
      t.call('capture.list', { from: 0, to: clock.now() + 1 }).items.map((item) => item.displayId),
    ).toEqual(['display:2'])
  })

  it('records paused ticks (and takes nothing) when paused, outside recording hours or on another weekday', async () => {
    const { t, screen, clock } = setup()
    t.call('settings.set', { key: 'capture.paused', value: true })
    // Clients (the tray, Home) hear of the pause at once, before any tick.
    expect(t.eventsNamed('capture.status').at(-1)?.status).toMatchObject({
      state: 'paused',
      reason: 'paused by you',
    })
    await tick(clock)
    expect(t.call('capture.status', {})).toMatchObject({ state: 'paused', reason: 'paused by you' })
    t.call('settings.set', { key: 'capture.paused', value: false })

    const hour = new Date(clock.now()).getHours()
    const later = `${String((hour + 2) % 24).padStart(2, '0')}:00`
    const evenLater = `${String((hour + 4) % 24).padStart(2, '0')}:00`
    t.call('settings.set', { key: 'capture.recordingHours', value: { start: later, end: evenLater } })
    await tick(clock)
    expect(t.call('capture.status', {})).toMatchObject({ state: 'paused', reason: 'outside recording hours' })
    t.call('settings.set', { key: 'capture.recordingHours', value: { start: '00:00', end: '24:00' } })

    const today = new Date(clock.now() + INTERVAL).getDay()
    t.call('settings.set', {
      key: 'capture.weekdays',
      value: [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== today),
    })
    await tick(clock)
    expect(screen.calls).toEqual([])
    expect(ticks(t).map((row) => [row.outcome, row.reason])).toEqual([
      ['paused', 'paused by you'],
      ['paused', 'outside recording hours'],
      ['paused', 'not a recording day'],
    ])
    t.call('settings.set', { key: 'capture.weekdays', value: [0, 1, 2, 3, 4, 5, 6] })
    await tick(clock)
    expect(screen.calls).toHaveLength(1)
  })

  it('pauses while the screen is locked, the computer asleep or nobody is at it, with the reason', async () => {
    const { t, screen, power, clock } = setup()
    for (const state of ['locked', 'suspended', 'idle'] as const) {
      power.current = state
      await tick(clock)
    }
    expect(screen.calls).toEqual([])
    expect(power.thresholds[0]).toBe(5 * 60)
    expect(ticks(t).map((row) => row.reason)).toEqual([
      'screen locked',
      'computer asleep',
      'no keyboard or mouse input',
    ])
    expect(t.call('capture.status', {})).toMatchObject({
      state: 'paused',
      reason: 'no keyboard or mouse input',
    })
    power.current = 'active'
    await tick(clock)
    expect(t.call('capture.status', {}).state).toBe('running')
    const { gaps } = t.call('capture.gaps', { from: 0, to: clock.now() + 1 })
    expect(gaps.map((gap) => [gap.outcome, gap.reason, gap.to - gap.from])).toEqual([
      ['paused', 'screen locked', INTERVAL],
      ['paused', 'computer asleep', INTERVAL],
      ['paused', 'no keyboard or mouse input', INTERVAL],
    ])
  })

  it('never writes a frame of an excluded window to disk, and counts it', async () => {
    const { t, screen, clock } = setup()
    screen.window = { appName: 'Bitwarden', title: 'My vault' }
    await tick(clock)
    screen.window = { appName: 'Firefox', title: 'Bank — Private Browsing' }
    screen.seed = 5
    await tick(clock)
    t.call('settings.set', { key: 'capture.excludedApps', value: ['Slack'] })
    screen.window = { appName: 'Slack', title: 'general' }
    screen.seed = 6
    await tick(clock)
    expect(outcomes(t)).toEqual(['excluded', 'excluded', 'excluded'])
    expect(imageFiles(t.dataDir)).toEqual([])
    expect(t.call('capture.list', { from: 0, to: clock.now() + 1 }).total).toBe(0)
    const stats = t.call('monitoring.dataStats', { hours: 1 }).rows
    expect(stats).toEqual([
      expect.objectContaining({ dataType: 'frames', contextType: 'excluded', count: 3 }),
    ])
    const { gaps } = t.call('capture.gaps', { from: 0, to: clock.now() + 1 })
    expect(gaps.map((gap) => gap.outcome)).toEqual(['excluded', 'excluded', 'excluded'])
  })

  it('records a failed tick with the reason, and goes stale after three intervals without a frame', async () => {
    const { t, screen, clock } = setup()
    await tick(clock)
    screen.failure = 'screen recording permission denied'
    await tick(clock)
    expect(ticks(t).at(-1)).toMatchObject({ outcome: 'failed', reason: 'screen recording permission denied' })
    expect(t.call('capture.status', {}).state).toBe('running')
    await tick(clock)
    await tick(clock)
    expect(t.call('capture.status', {}).state).toBe('running')
    await tick(clock)
    const status = t.call('capture.status', {})
    expect(status.state).toBe('stale')
    expect(status.reason).toMatch(/no screenshot for 60 s: screen recording permission denied/)
    expect(t.eventsNamed('capture.status').at(-1)?.status.state).toBe('stale')
    screen.failure = null
    screen.seed = 9
    await tick(clock)
    expect(t.call('capture.status', {})).toMatchObject({ state: 'running', lastFailure: null })
    const timing = t.call('monitoring.stageTiming', { hours: 1 }).rows
    expect(timing.find((row) => row.stageName === 'capture')).toMatchObject({ count: 6, errorCount: 4 })
    expect(timing.find((row) => row.stageName === 'dedupe')).toMatchObject({ count: 2, errorCount: 0 })
  })

  it('fails a tick whose screen source never answers, and keeps the schedule going', async () => {
    const { t, screen, clock } = setup()
    screen.hang = true
    await tick(clock)
    expect(ticks(t)).toEqual([])
    await tick(clock, 30_000)
    expect(ticks(t).map((row) => [row.outcome, row.reason])).toEqual([
      ['failed', 'the screen source did not answer within 30 s'],
    ])
    screen.hang = false
    await tick(clock)
    expect(outcomes(t)).toEqual(['failed', 'captured'])
  })

  it('captures now on request, even while paused, through the same pipeline', async () => {
    const { t, screen, clock } = setup()
    t.call('settings.set', { key: 'capture.paused', value: true })
    const now = await t.callAsync('capture.captureNow', {})
    expect(now).toEqual({
      available: true,
      reason: '',
      ticks: [{ displayId: 'display:1', outcome: 'captured', reason: '', captureId: expect.any(Number) }],
    })
    const again = await t.callAsync('capture.captureNow', {})
    expect(again.ticks[0]?.outcome).toBe('unchanged')
    expect(screen.calls).toHaveLength(2)
    const image = t.call('capture.image', { id: now.ticks[0]?.captureId ?? 0 })
    expect(image.dataUrl).toMatch(/^data:image\/jpeg;base64,\/9/)
    const [stored] = t.call('capture.list', { from: 0, to: clock.now() + 1 }).items
    expect(stored?.path).toMatch(/^captures\/\d{4}-\d\d-\d\d\/\d+-display_1\.jpg$/)
    expect(t.call('capture.image', { path: stored?.path ?? '' })).toEqual(image)
    expect(t.fail('capture.image', { path: 'captures/none.jpg' }).code).toBe('NOT_FOUND')
    expect(t.fail('capture.image', { id: 1, path: stored?.path }).code).toBe('INVALID_INPUT')
    void clock
  })

  it('explains the time nothing was recorded at all', async () => {
    const { t, clock } = setup()
    await tick(clock)
    t.core.close()
    clock.advance(10 * 60_000)
    const reopened = openTestCore({
      clock,
      dataDir: t.dataDir,
      core: { platform: { screen: new FakeScreen(clock) } },
    })
    await tick(clock)
    const { gaps } = reopened.call('capture.gaps', { from: 0, to: clock.now() })
    expect(gaps).toEqual([
      expect.objectContaining({
        outcome: 'none',
        to: clock.now(),
        reason: expect.stringMatching(/not running/),
      }),
    ])
  })
})

describe('capture without a screen', () => {
  it('says it is unavailable and why, schedules nothing and records nothing', async () => {
    const t = openTestCore()
    expect(t.call('capture.status', {})).toMatchObject({ state: 'unavailable', reason: NO_SCREEN_REASON })
    expect(await t.callAsync('capture.captureNow', {})).toEqual({
      available: false,
      reason: NO_SCREEN_REASON,
      ticks: [],
    })
    await tick(t.clock, 60_000)
    expect(ticks(t)).toEqual([])
  })
})
