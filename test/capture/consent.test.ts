import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ScreenAvailability } from '../../src/core/capture/frame'
import { CAPTURE_OFF_REASON } from '../../src/core/capture/service'
import { MAC_SCREEN_RECORDING_SETTINGS_URL } from '../../src/shared/contract/domains/capture'
import { openTestCore } from '../support/core'
import type { TestCore } from '../support/core'
import { FakeClock } from '../support/fakeClock'
import { FakeScreen } from '../support/fakeScreen'

const INTERVAL = 15_000

async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) await new Promise((resolve) => setImmediate(resolve))
}

async function wait(clock: FakeClock, ms: number): Promise<void> {
  clock.advance(ms)
  await settle()
}

function tickRows(t: TestCore): { outcome: string; reason: string }[] {
  const db = new Database(t.core.databasePath, { readonly: true })
  try {
    return db.prepare('SELECT outcome, reason FROM capture_ticks ORDER BY id').all() as {
      outcome: string
      reason: string
    }[]
  } finally {
    db.close()
  }
}

const capturesDir = (t: TestCore): boolean => fs.existsSync(path.join(t.dataDir, 'captures'))

function fresh(clock = new FakeClock(), dataDir?: string): { t: TestCore; screen: FakeScreen } {
  const screen = new FakeScreen(clock)
  const t = openTestCore({ clock, ...(dataDir ? { dataDir } : {}), core: { platform: { screen } } })
  return { t, screen }
}

describe('capture is off until the person turns it on', () => {
  it('takes nothing in a new data folder: no screen asked, no tick, no image, and Capture now is refused', async () => {
    const { t, screen } = fresh()
    expect(t.call('capture.status', {})).toMatchObject({
      state: 'off',
      reason: CAPTURE_OFF_REASON,
      enabled: false,
      consentedAt: null,
      available: true,
    })
    expect(t.call('settings.get', { key: 'capture.enabled' })).toMatchObject({ value: false })
    await wait(t.clock, 10 * INTERVAL)
    expect(screen.calls).toEqual([])
    const refused = await t.rawAsync('capture.captureNow', {})
    expect(refused).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(screen.calls).toEqual([])
    expect(tickRows(t)).toEqual([])
    expect(capturesDir(t)).toBe(false)
  })

  it('records when it was turned on, ticks from then on, and stops again when turned off', async () => {
    const { t, screen } = fresh()
    await wait(t.clock, 60_000)
    const turnedOnAt = t.clock.now()
    t.call('settings.set', { key: 'capture.enabled', value: true })
    expect(t.call('settings.get', { key: 'capture.consentedAt' })).toMatchObject({ value: turnedOnAt })
    expect(t.eventsNamed('capture.status').at(-1)?.status).toMatchObject({
      enabled: true,
      consentedAt: turnedOnAt,
      state: 'running',
    })
    await wait(t.clock, INTERVAL)
    expect(screen.calls).toHaveLength(1)
    expect(tickRows(t).map((row) => row.outcome)).toEqual(['captured'])

    t.call('settings.set', { key: 'capture.enabled', value: false })
    expect(t.call('capture.status', {})).toMatchObject({ state: 'off', enabled: false })
    await wait(t.clock, 10 * INTERVAL)
    expect(screen.calls).toHaveLength(1)
    expect(tickRows(t)).toHaveLength(1)
    // The consent time stays as a record of when it was last given.
    expect(t.call('capture.status', {}).consentedAt).toBe(turnedOnAt)
  })

  it('stays off after a restart of a folder that never captured, and on after one that was turned on', async () => {
    const { t } = fresh()
    t.close()
    const again = fresh(t.clock, t.dataDir)
    await wait(again.t.clock, 5 * INTERVAL)
    expect(again.screen.calls).toEqual([])
    again.t.call('settings.set', { key: 'capture.enabled', value: true })
    again.t.close()
    const third = fresh(t.clock, t.dataDir)
    await wait(third.t.clock, INTERVAL)
    expect(third.screen.calls).toHaveLength(1)
  })

  it('lets no client forge the consent time', () => {
    const { t } = fresh()
    const error = t.fail('settings.set', { key: 'capture.consentedAt', value: 1 })
    expect(error.code).toBe('INVALID_INPUT')
    expect(t.call('settings.get', { key: 'capture.consentedAt' })).toMatchObject({ value: null })
  })
})

describe('a data folder that captured before Cairn asked', () => {
  it('keeps capturing after the upgrade, with the first tick as the consent time and no first-run guide', async () => {
    const { t } = fresh()
    t.call('settings.set', { key: 'capture.enabled', value: true })
    await wait(t.clock, INTERVAL)
    const firstTick = t.clock.now()
    await wait(t.clock, INTERVAL)
    t.close()
    // What an older Cairn left: ticks and images, but none of the settings this version added.
    const db = new Database(path.join(t.dataDir, 'cairn.db'))
    db.prepare(
      "DELETE FROM settings WHERE key IN ('capture.enabled', 'capture.consentedAt', 'ui.firstRunDone')",
    ).run()
    db.close()

    const upgraded = fresh(t.clock, t.dataDir)
    expect(upgraded.t.call('capture.status', {})).toMatchObject({ enabled: true, consentedAt: firstTick })
    expect(upgraded.t.call('settings.get', { key: 'ui.firstRunDone' })).toMatchObject({ value: true })
    await wait(upgraded.t.clock, INTERVAL)
    expect(upgraded.screen.calls).toHaveLength(1)
  })

  it('keeps it off when the person had turned it off, ticks or not', async () => {
    const { t } = fresh()
    t.call('settings.set', { key: 'capture.enabled', value: true })
    await wait(t.clock, INTERVAL)
    t.call('settings.set', { key: 'capture.enabled', value: false })
    t.close()
    const again = fresh(t.clock, t.dataDir)
    await wait(again.t.clock, 5 * INTERVAL)
    expect(again.screen.calls).toEqual([])
    expect(again.t.call('capture.status', {}).state).toBe('off')
  })
})

/** A screen whose OS has not let Cairn see it, as the Electron source reports a denied macOS permission. */
class DeniedScreen extends FakeScreen {
  availabilityCalls = 0
  answer: ScreenAvailability = {
    available: false,
    reason: 'macOS does not let Cairn see the screen.',
    permission: { state: 'denied', settingsUrl: MAC_SCREEN_RECORDING_SETTINGS_URL, relaunchNeeded: true },
  }
  availability(): Promise<ScreenAvailability> {
    this.availabilityCalls += 1
    return Promise.resolve(this.answer)
  }
}

describe('a screen the OS will not show', () => {
  it('is reported unavailable with the permission to grant, even while off, and is never asked for frames', async () => {
    const clock = new FakeClock()
    const screen = new DeniedScreen(clock)
    const t = openTestCore({ clock, core: { platform: { screen } } })
    await settle()
    expect(t.call('capture.status', {})).toMatchObject({
      state: 'unavailable',
      available: false,
      enabled: false,
      reason: 'macOS does not let Cairn see the screen.',
      permission: { state: 'denied', settingsUrl: MAC_SCREEN_RECORDING_SETTINGS_URL, relaunchNeeded: true },
    })

    t.call('settings.set', { key: 'capture.enabled', value: true })
    const asked = screen.availabilityCalls
    for (let tick = 0; tick < 3; tick += 1) await wait(clock, INTERVAL)
    // Asked before every tick; the screen itself never.
    expect(screen.availabilityCalls).toBe(asked + 3)
    expect(screen.calls).toEqual([])
    expect(tickRows(t)).toEqual(Array(3).fill({ outcome: 'failed', reason: screen.answer.reason }))
    expect(await t.callAsync('capture.captureNow', {})).toMatchObject({
      available: false,
      reason: screen.answer.reason,
    })
    expect(capturesDir(t)).toBe(false)

    // Granted (and relaunched): the next tick captures.
    screen.answer = { available: true, reason: '' }
    await wait(clock, INTERVAL)
    expect(screen.calls).toHaveLength(1)
    expect(t.call('capture.status', {})).toMatchObject({ state: 'running', permission: null })
  })
})
