import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_SCREEN_ENV } from '../src/core/capture/fixtureScreen'
import { DATABASE_FILE } from '../src/core/db/open'
import { REPO_ROOT } from '../test/support/hostProcess'
import { chromiumMissingReason } from './browser'
import type { Session } from './support/session'
import { forEachLookInItsLocale, openRoute, startConnectedSession } from './support/session'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the capture specs: ${missing}`)

const SHOTS = path.join(REPO_ROOT, 'test-results/screens')

const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 8_000 })

/** A real 1x1 PNG, so the browser must decode what capture.image sends. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

describe.skipIf(missing !== null)('capture in the UI, against npm run serve with a fixture screen', () => {
  let session: Session
  let screens: string

  beforeAll(async () => {
    screens = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-screens-'))
    fs.writeFileSync(path.join(screens, 'desk.png'), PNG)
    session = await startConnectedSession({ env: { [FIXTURE_SCREEN_ENV]: screens } })
    // Capture is off in a new data folder until the person turns it on (e2e/firstRun.test.ts does it in the UI).
    await session.rpc.call('settings.set', { key: 'capture.enabled', value: true })
  })

  afterAll(async () => {
    await session?.close()
    fs.rmSync(screens, { recursive: true, force: true })
  })

  it('changes the capture settings, pauses and resumes from the Settings section', async () => {
    const { page, rpc } = session
    await page.getByRole('link', { name: 'Settings' }).click()
    const section = page.getByRole('region', { name: 'Capture' })
    await eventually(() => section.getByTestId('capture-state').textContent()).toContain('Capturing')

    await section.getByLabel('Take a screenshot every').fill('60')
    // The only display is captured and cannot be unchosen (that would capture nothing).
    const display = section.getByRole('checkbox', { name: 'Fixture screen' })
    expect(await display.isChecked()).toBe(true)
    expect(await display.isDisabled()).toBe(true)

    // Not today: the schedule must keep running for the rest of the spec.
    const otherDay = (new Date().getDay() + 1) % 7
    const dayName = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][otherDay] ?? 'Sun'
    await section.getByRole('checkbox', { name: dayName }).uncheck()
    const apps = section.getByLabel(/Never store windows of these apps/)
    await apps.fill(`${await apps.inputValue()}\nSlack`)
    await section.getByLabel('Take a screenshot every').fill('3')
    await section.getByText('The interval is 5 to 300 seconds.').waitFor()
    await expect(section.getByRole('button', { name: 'Save capture settings' }).isDisabled()).resolves.toBe(
      true,
    )
    await section.getByLabel('Take a screenshot every').fill('60')
    await section.getByRole('button', { name: 'Save capture settings' }).click()
    await section.getByText('Saved.').waitFor()
    expect(await rpc.call('settings.get', { key: 'capture.intervalSeconds' })).toMatchObject({ value: 60 })
    expect(await rpc.call('settings.get', { key: 'capture.weekdays' })).toMatchObject({
      value: [0, 1, 2, 3, 4, 5, 6].filter((day) => day !== otherDay),
    })
    expect(
      (await rpc.call<{ value: string[] }>('settings.get', { key: 'capture.excludedApps' })).value,
    ).toContain('Slack')

    await section.getByRole('button', { name: 'Pause capture' }).click()
    await eventually(() => section.getByTestId('capture-state').textContent()).toContain('paused by you')
    expect(await rpc.call('capture.status')).toMatchObject({ paused: true, state: 'paused' })
    await section.getByRole('button', { name: 'Resume capture' }).click()
    await eventually(() => section.getByTestId('capture-state').textContent()).not.toContain('Paused')

    // Off: nothing to pause; the state line says why, and the switch turns it on again.
    await rpc.call('settings.set', { key: 'capture.enabled', value: false })
    await eventually(() => section.getByTestId('capture-state').textContent()).toBe('Off')
    expect(await section.getByRole('button', { name: /^(Pause|Resume) capture$/ }).count()).toBe(0)
    fs.mkdirSync(SHOTS, { recursive: true })
    try {
      await forEachLookInItsLocale(session, async ({ language, theme, page }) => {
        await page.goto('about:blank')
        await page.goto(`${session.origin}/#/settings`)
        const card = page.locator('section[aria-labelledby="capture-title"]')
        await eventually(() => card.getByTestId('capture-state').textContent()).toContain(
          language === 'en' ? 'Off' : '已关闭',
        )
        expect(await card.locator('.setting-row button').count()).toBe(0)
        await card.screenshot({ path: path.join(SHOTS, `settings-capture-off-${language}-${theme}.png`) })
      })
    } finally {
      await rpc.call('settings.set', { key: 'ui.language', value: 'system' })
      await rpc.call('settings.set', { key: 'ui.theme', value: 'system' })
      await page.reload()
    }
    await rpc.call('settings.set', { key: 'capture.enabled', value: true })
    await section.getByRole('button', { name: 'Pause capture' }).waitFor()
  })

  it('captures from the Home card and shows the picture an activity cites, and gaps with their reason', async () => {
    const { page, rpc } = session
    await page.getByRole('link', { name: 'Today' }).click()
    const card = page.getByRole('region', { name: 'Screen capture' })
    await card.getByRole('button', { name: 'Capture now' }).click()
    await eventually(() => card.getByTestId('capture-today').textContent()).toContain('1 kept')

    const now = Date.now()
    const { items } = await rpc.call<{ items: { path: string }[] }>('capture.list', {
      from: 0,
      to: now + 1000,
    })
    const shot = items[0]?.path ?? ''
    await rpc.call('activities.create', {
      title: 'Reading the fixture screen',
      startAt: now - 60_000,
      endAt: now,
      resources: { screenshots: [shot] },
    })
    // A locked screen cannot be staged in a browser host: its ticks are written as the core writes them.
    const db = new Database(path.join(session.dataDir, DATABASE_FILE))
    const insert = db.prepare(
      "INSERT INTO capture_ticks (at, outcome, reason) VALUES (?, 'paused', 'screen locked')",
    )
    const start = Math.max(now - 40 * 60_000, new Date(now).setHours(0, 0, 0, 0) + 3 * 60_000)
    for (let at = start; at < start + 20 * 60_000; at += 60_000) insert.run(at)
    db.prepare("INSERT INTO capture_ticks (at, outcome, reason) VALUES (?, 'captured', '')").run(
      start + 20 * 60_000,
    )
    db.close()
    // Activities before and after the locked time: the gap marker between them says why.
    await rpc.call('activities.create', { title: 'Before the break', startAt: start - 120_000, endAt: start })
    await rpc.call('activities.create', {
      title: 'After the break',
      startAt: start + 20 * 60_000,
      endAt: start + 21 * 60_000,
    })

    await openRoute(session, '/timeline')
    const gaps = page.getByTestId('capture-gaps')
    await gaps.getByText(/gaps? in capture/).click()
    await gaps.getByTestId('capture-gap').filter({ hasText: 'screen locked' }).waitFor()
    expect(await gaps.getByTestId('capture-gap').filter({ hasText: 'screen locked' }).textContent()).toMatch(
      /Paused · screen locked/,
    )
    await eventually(() =>
      page.getByTestId('activity-row').filter({ hasText: 'After the break' }).locator('.gap').textContent(),
    ).toBe('20 min gap before · paused: screen locked')
    const thumb = page.getByRole('button', { name: 'Enlarge screenshot of Reading the fixture screen' })
    await eventually(() => thumb.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/)
    await eventually(() =>
      thumb.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(1)
    expect(session.problems).toEqual([])
  })
  it('shows in Settings the disk used per day and what the chosen retention needs against the budget', async () => {
    const { page, rpc } = session
    // The spec before kept a frame today.
    await rpc.call('settings.set', { key: 'capture.retentionDays', value: 90 })
    await openRoute(session, '/settings')
    const storage = page.getByRole('region', { name: 'Disk used by screenshots' })
    const today = new Date().toISOString().slice(0, 10)
    const row = storage.getByRole('row').filter({ hasText: today })
    await eventually(() => row.count()).toBe(1)
    expect(await row.getByRole('cell').last().textContent()).toBe('1')
    await eventually(() => storage.textContent()).toContain('keeping 90 days needs about')
    await storage.getByText('That fits the budget').waitFor()
    fs.mkdirSync(SHOTS, { recursive: true })
    await storage.screenshot({ path: path.join(SHOTS, 'capture-storage.png') })
    expect(session.problems).toEqual([])
  })
})
