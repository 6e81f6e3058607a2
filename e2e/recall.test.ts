import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_SCREEN_ENV } from '../src/core/capture/fixtureScreen'
import type { SearchHit } from '../src/shared/contract/domains/search'
import { PIXEL_WORD, TITLE_WORD, writeRecallScreens } from '../test/support/recallScreens'
import { chromiumMissingReason } from './browser'
import { axeProblems } from './support/pageChecks'
import type { Session } from './support/session'
import { startConnectedSession, forEachLook } from './support/session'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the recall specs: ${missing}`)

const FRAMES = 6
const SHOTS = 'test-results/recall'
const DETAIL_SHOTS = 'test-results/recall2'

describe.skipIf(missing !== null)(
  'recall in the UI with AI off: the palette and the Timeline of frames',
  () => {
    let session: Session
    let screens: string
    let firstFrame = 0

    beforeAll(async () => {
      screens = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-recall-screens-'))
      await writeRecallScreens(screens, FRAMES - 1)
      session = await startConnectedSession({ env: { [FIXTURE_SCREEN_ENV]: screens } })
      const { rpc } = session
      await rpc.call('settings.set', { key: 'capture.intervalSeconds', value: 300 })
      await rpc.call('settings.set', { key: 'capture.enabled', value: true })
      for (let index = 0; index < FRAMES; index += 1) {
        const { ticks } = await rpc.call<{ ticks: { captureId: number | null }[] }>('capture.captureNow')
        if (index === 0) firstFrame = ticks[0]?.captureId ?? 0
      }
      // OCR reads the frames in the background; the spec starts once the first has been read.
      const deadline = Date.now() + 120_000
      const read = async () =>
        (await rpc.call<{ hits: SearchHit[] }>('search.query', { query: PIXEL_WORD })).hits.length
      while ((await read()) === 0) {
        if (Date.now() > deadline) throw new Error('OCR did not read the first frame within 2 minutes.')
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    }, 180_000)

    afterAll(async () => {
      await session?.close()
      fs.rmSync(screens, { recursive: true, force: true })
    })

    it('finds the frame by a word in its pixels, a word of its title and that word with one letter wrong', async () => {
      const { page, rpc } = session
      await page.keyboard.press('Control+k')
      const palette = page.getByRole('dialog', { name: 'Search everything' })
      const screensGroup = palette.getByRole('group', { name: 'Screens' })
      const frameHit = screensGroup.getByRole('option', { name: new RegExp(`${TITLE_WORD} budget review`) })

      await palette.getByLabel('Search').fill(PIXEL_WORD)
      await frameHit.waitFor()
      expect(await frameHit.locator('mark').first().textContent()).toBe(PIXEL_WORD)
      // No embedding model: the palette says what searching by meaning would add, and where to set one.
      expect(await palette.getByTestId('palette-meaning').textContent()).toContain('search-by-meaning')
      expect(await palette.getByRole('link', { name: 'Set one up' }).getAttribute('href')).toBe(
        '#/settings#ai',
      )
      fs.mkdirSync(SHOTS, { recursive: true })
      await page.screenshot({ path: `${SHOTS}/palette-light.png` })

      await palette.getByLabel('Search').fill(TITLE_WORD)
      await frameHit.waitFor()
      await palette.getByLabel('Search').fill('glimmerstome')
      await frameHit.waitFor()
      await palette.getByText('No exact match: showing words one letter away.').waitFor()

      // A filter per kind: Screens alone, then every kind again.
      await palette.getByRole('button', { name: 'Todos', exact: true }).click()
      await palette.getByText('Nothing matches “glimmerstome”.').waitFor()
      await palette.getByRole('button', { name: 'All', exact: true }).click()
      await frameHit.waitFor()

      await rpc.call('settings.set', { key: 'ui.theme', value: 'dark' })
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark')
      await palette.getByLabel('Search').fill(PIXEL_WORD)
      await frameHit.waitFor()
      await page.screenshot({ path: `${SHOTS}/palette-dark.png` })
      await rpc.call('settings.set', { key: 'ui.theme', value: 'light' })
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light')
    })

    it('opens the frame from the search hit on the Timeline and scrubs through the day by keyboard and mouse', async () => {
      const { page, rpc } = session
      const palette = page.getByRole('dialog', { name: 'Search everything' })
      await palette.getByLabel('Search').fill(PIXEL_WORD)
      await palette.getByRole('group', { name: 'Screens' }).getByRole('option').first().waitFor()
      await palette.getByLabel('Search').press('Enter')

      const frame = page.locator('article.frame-view')
      await expect.poll(() => frame.getAttribute('data-frame-id')).toBe(String(firstFrame))
      await expect.poll(() => page.getByLabel('Text on screen').textContent()).toContain(PIXEL_WORD)
      // The searched word is marked on the picture, where OCR found it.
      await page.locator('.frame-mark').first().waitFor()
      expect(await page.getByTestId('frame-position').textContent()).toBe(`1 of ${FRAMES}`)
      // No activity yet on a day with frames: the list says so, not that nothing was captured.
      await page.getByText('No activities on this day; its frames are above.').waitFor()
      await page.screenshot({ path: `${SHOTS}/timeline-light.png`, fullPage: true })

      const slider = page.getByRole('slider', { name: 'Frame' })
      await slider.focus()
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => page.getByTestId('frame-position').textContent()).toBe(`2 of ${FRAMES}`)
      await expect.poll(() => frame.getByRole('heading', { level: 2 }).textContent()).toBe('Notes 1')
      await page.keyboard.press('End')
      await expect.poll(() => page.getByTestId('frame-position').textContent()).toBe(`${FRAMES} of ${FRAMES}`)
      await expect
        .poll(() => frame.getByRole('heading', { level: 2 }).textContent())
        .toBe(`Notes ${FRAMES - 1}`)
      await page.keyboard.press('Home')
      await expect
        .poll(() => frame.getByRole('heading', { level: 2 }).textContent())
        .toBe(`${TITLE_WORD} budget review`)
      // The mouse: the strip and the buttons.
      await page.getByRole('list', { name: 'Nearby frames' }).getByRole('button').nth(2).click()
      await expect.poll(() => page.getByTestId('frame-position').textContent()).toBe(`3 of ${FRAMES}`)
      await page.getByRole('button', { name: 'Previous frame' }).click()
      await expect.poll(() => page.getByTestId('frame-position').textContent()).toBe(`2 of ${FRAMES}`)
      // The text read from the frame is shown as text (selectable), not only as a picture.
      await expect.poll(() => page.getByLabel('Text on screen').textContent()).toContain('nimbus')

      await rpc.call('settings.set', { key: 'ui.theme', value: 'dark' })
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark')
      await page.screenshot({ path: `${SHOTS}/timeline-dark.png`, fullPage: true })
      expect(session.problems).toEqual([])
    })

    it('opens an activity by keyboard: its text, its frames, its links and todos; a frame moves the scrubber', async () => {
      const { page, rpc } = session
      const { items } = await rpc.call<{ items: { id: number; capturedAt: number }[] }>('capture.list', {
        from: 0,
        to: Date.now() + 60_000,
        limit: 100,
      })
      const first = items[0]?.capturedAt ?? 0
      const last = items.at(-1)?.capturedAt ?? 0
      const activity = await rpc.call<{ id: number }>('activities.create', {
        title: 'Reviewed the budget',
        content: 'You compared the budget with https://example.com/budget-2026 (the spring draft).',
        resources: { screenshots: [], urls: ['https://docs.example.org/plan'] },
        startAt: first,
        endAt: last,
      })
      await rpc.call('todos.create', { content: 'Send the budget to Ana', sourceActivityId: activity.id })
      await rpc.call('settings.set', { key: 'ui.theme', value: 'light' })

      const list = page.getByRole('list', { name: 'Activities' })
      await list.getByText('Reviewed the budget').waitFor()
      await list.focus()
      await page.keyboard.press('Enter')
      const detail = page.getByRole('dialog', { name: 'Reviewed the budget' })
      await detail.waitFor()
      await detail.getByText('the spring draft', { exact: false }).waitFor()
      const thumbs = detail.getByRole('list', { name: 'Frames of this activity' }).getByRole('button')
      await expect.poll(() => thumbs.count()).toBe(FRAMES)
      await detail
        .locator('.activity-frame img')
        .nth(FRAMES - 1)
        .waitFor()
      const link = detail.getByRole('link', { name: 'https://example.com/budget-2026' })
      expect(await link.getAttribute('target')).toBe('_blank')
      await detail.getByRole('link', { name: 'https://docs.example.org/plan' }).waitFor()
      await detail.getByRole('link', { name: 'Send the budget to Ana' }).waitFor()
      await detail.getByText(`${TITLE_WORD} budget review`).waitFor()
      expect(await axeProblems(page)).toEqual([])

      fs.mkdirSync(DETAIL_SHOTS, { recursive: true })
      await forEachLook(rpc, async ({ language, theme }) => {
        await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme)
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language)
        await page.screenshot({ path: `${DETAIL_SHOTS}/activity-${language}-${theme}.png` })
      })
      await rpc.call('settings.set', { key: 'ui.language', value: 'en' })
      await detail.getByRole('list', { name: 'Frames of this activity' }).waitFor()

      // Esc closes it and gives the keyboard back to the list.
      await page.keyboard.press('Escape')
      await detail.waitFor({ state: 'detached' })
      await expect
        .poll(() => page.evaluate<string>("document.activeElement?.getAttribute('aria-label')"))
        .toBe('Activities')
      // Opening a frame of the activity moves the scrubber to it.
      await page.keyboard.press('Enter')
      await thumbs.nth(2).click()
      await detail.waitFor({ state: 'detached' })
      await expect.poll(() => page.getByTestId('frame-position').textContent()).toBe(`3 of ${FRAMES}`)
      await expect
        .poll(() => page.locator('article.frame-view').getAttribute('data-frame-id'))
        .toBe(String(items[2]?.id))
      expect(session.problems).toEqual([])
    })

    it('opens an activity hit on the day it started, though written after midnight, scrolled to and marked', async () => {
      const { page, rpc } = session
      const today = new Date()
      const yesterday = (hour: number, minute: number) =>
        new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1, hour, minute).getTime()
      // A full day before it, so the list has to scroll to reach it.
      for (let index = 0; index < 40; index += 1) {
        const startAt = yesterday(2, 30 * index)
        await rpc.call('activities.create', {
          title: `Filler ${index}`,
          startAt,
          endAt: startAt + 20 * 60_000,
        })
      }
      // Written now, after midnight: the summary of work that ended before it.
      const late = await rpc.call<{ id: number; createdAt: number }>('activities.create', {
        title: 'Late platypodes survey',
        startAt: yesterday(23, 40),
        endAt: yesterday(23, 55),
      })
      expect(late.createdAt).toBeGreaterThan(yesterday(24, 0))

      await page.keyboard.press('Control+k')
      const palette = page.getByRole('dialog', { name: 'Search everything' })
      await palette.getByLabel('Search').fill('platypodes')
      await palette.getByRole('group', { name: 'Activities' }).getByRole('option').first().waitFor()
      await palette.getByLabel('Search').press('Enter')

      const dayKey = new Date(yesterday(12, 0)).toLocaleDateString('en-CA')
      await expect.poll(() => page.getByLabel('Day', { exact: true }).inputValue()).toBe(dayKey)
      expect(page.url()).toContain(`focus=${late.id}`)
      const detail = page.getByRole('dialog', { name: 'Late platypodes survey' })
      await detail.waitFor()
      const found = page.locator('[data-testid="activity-row"][aria-current="true"]')
      await expect.poll(() => found.textContent()).toContain('Late platypodes survey')
      // Scrolled to: the row lies inside the list's visible box.
      const inView = () =>
        found.evaluate((row) => {
          const box = row.getBoundingClientRect()
          const list = row.closest('.virtual-scroll')?.getBoundingClientRect()
          return list !== undefined && box.top >= list.top && box.bottom <= list.bottom
        })
      await expect.poll(inView).toBe(true)
      await page.screenshot({ path: `${SHOTS}/timeline-activity-hit-open.png` })

      // Closed, the row stays the list's current one.
      await page.keyboard.press('Escape')
      await detail.waitFor({ state: 'detached' })
      const current = page.locator('.virtual-row.active')
      await expect.poll(() => current.textContent()).toContain('Late platypodes survey')
      for (const theme of ['light', 'dark'] as const) {
        await rpc.call('settings.set', { key: 'ui.theme', value: theme })
        await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme)
        await page.screenshot({ path: `${SHOTS}/timeline-activity-hit-${theme}.png` })
      }
      await rpc.call('settings.set', { key: 'ui.theme', value: 'light' })
      expect(session.problems).toEqual([])
    })
  },
)
