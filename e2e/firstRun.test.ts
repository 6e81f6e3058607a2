import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_SCREEN_ENV } from '../src/core/capture/fixtureScreen'
import { REPO_ROOT } from '../test/support/hostProcess'
import { chromiumMissingReason } from './browser'
import type { Session } from './support/session'
import { startSession, waitConnected } from './support/session'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the first-run specs: ${missing}`)

const SHOTS = path.join(REPO_ROOT, 'test-results/screens')
/** The text of the element that has the keyboard focus. */
const focusedText = (session: Session): Promise<string | null | undefined> =>
  session.page.locator('*:focus').first().textContent()
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 8_000 })

/** A real 1x1 PNG for the fixture screen. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

interface Status {
  state: string
  enabled: boolean
  consentedAt: number | null
}

describe.skipIf(missing !== null)('the first run, in a new data folder, against npm run serve', () => {
  let session: Session
  let screens: string

  beforeAll(async () => {
    screens = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-screens-'))
    fs.writeFileSync(path.join(screens, 'desk.png'), PNG)
    session = await startSession({ env: { [FIXTURE_SCREEN_ENV]: screens }, firstRun: true })
    fs.mkdirSync(SHOTS, { recursive: true })
  })

  afterAll(async () => {
    await session?.close()
    fs.rmSync(screens, { recursive: true, force: true })
  })

  const shoot = async (name: string): Promise<void> => {
    for (const theme of ['light', 'dark'] as const) {
      await session.rpc.call('settings.set', { key: 'ui.theme', value: theme })
      await eventually(() => session.page.locator('html').getAttribute('data-theme')).toBe(theme)
      await session.page.screenshot({ path: path.join(SHOTS, `first-run-${name}-${theme}.png`) })
    }
    await session.rpc.call('settings.set', { key: 'ui.theme', value: 'light' })
  }

  it('asks before capturing: capture is off until turned on in the guide, which is walked with the keyboard', async () => {
    const { page, rpc } = session
    // Nothing is captured in a new folder, before anyone has seen anything.
    expect(await rpc.call<Status>('capture.status')).toMatchObject({
      state: 'off',
      enabled: false,
      consentedAt: null,
    })
    await page.goto(session.host.ready.url)
    await waitConnected(page)
    const guide = page.getByRole('dialog', { name: 'Set up Cairn' })
    await guide.waitFor()
    // Focus is on the step's heading, inside the modal.
    await eventually(() => focusedText(session)).toBe('Welcome')
    await shoot('welcome')

    await guide.getByRole('button', { name: 'Next' }).press('Enter')
    await eventually(() => focusedText(session)).toBe('Capture and privacy')
    // What is recorded, where (the data folder system.health reports) and what is never stored.
    const health = await rpc.call<{ dataDir: string }>('system.health')
    await eventually(() => guide.getByTestId('first-run-data-dir').textContent()).toBe(health.dataDir)
    await guide.getByText(/1Password, Bitwarden/).waitFor()
    await guide
      .getByText(/Incognito/)
      .first()
      .waitFor()
    const toggle = guide.getByRole('checkbox', { name: /Take screenshots of my screen/ })
    expect(await toggle.isChecked()).toBe(false)
    expect(await rpc.call<Status>('capture.status')).toMatchObject({ state: 'off' })
    await shoot('capture-off')

    await toggle.focus()
    await page.keyboard.press('Space')
    await eventually(() => rpc.call<Status>('capture.status')).toMatchObject({
      enabled: true,
      state: 'running',
      consentedAt: expect.any(Number),
    })
    await eventually(() => toggle.isChecked()).toBe(true)
    await guide.getByText(/^On since/).waitFor()
    await shoot('capture-on')

    await guide.getByRole('button', { name: 'Next' }).click()
    // Local providers come right after "off".
    const providers = await guide.getByLabel('Provider').locator('option').allTextContents()
    expect(providers.slice(0, 3)).toEqual(['None (AI off)', 'Ollama (local)', 'LM Studio (local)'])
    await shoot('ai')

    await guide.getByRole('button', { name: 'Next' }).click()
    await eventually(() => guide.getByLabel('Quick capture shortcut').inputValue()).toBe(
      'CommandOrControl+Shift+Space',
    )
    await shoot('shortcut')
    await guide.getByRole('button', { name: 'Finish' }).click()
    await eventually(() => guide.isVisible()).toBe(false)
    await eventually(() => rpc.call('settings.get', { key: 'ui.firstRunDone' })).toMatchObject({
      value: true,
    })

    // Home now says capture is running; a reload does not bring the guide back.
    await eventually(() => page.getByTestId('capture-state').first().textContent()).toContain('Capturing')
    await page.reload()
    await waitConnected(page)
    await page.getByTestId('capture-state').first().waitFor()
    expect(await guide.isVisible()).toBe(false)
  })

  it('opens again from Settings, where Escape skips it, and turns capture off there', async () => {
    const { page, rpc } = session
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('link', { name: 'Open the first-run guide' }).click()
    const guide = page.getByRole('dialog', { name: 'Set up Cairn' })
    await guide.waitFor()
    await page.keyboard.press('Escape')
    await eventually(() => guide.isVisible()).toBe(false)
    // Closing it from #/welcome goes back to Settings.
    await eventually(() => page.url()).toMatch(/#\/settings$/)
    await page.getByRole('heading', { name: 'Settings' }).waitFor()

    const section = page.getByRole('region', { name: 'Capture' })
    await eventually(() => section.getByTestId('capture-state').textContent()).toContain('Capturing')
    await section.getByRole('checkbox', { name: /Take screenshots of my screen/ }).uncheck()
    await eventually(() => rpc.call<Status>('capture.status')).toMatchObject({ state: 'off', enabled: false })
    await eventually(() => section.getByTestId('capture-state').textContent()).toContain('Off')
    expect(session.problems).toEqual([])
  })
})
