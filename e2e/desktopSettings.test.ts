import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissingReason } from './browser'
import type { Session } from './support/session'
import { openRoute, startConnectedSession, waitConnected } from './support/session'
import { standInBridgeScript } from './support/standInBridge'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the desktop settings spec: ${missing}`)

const settingValue = async (session: Session, key: string) =>
  (await session.rpc.call<{ value: unknown }>('settings.get', { key })).value

describe.skipIf(missing !== null)('the desktop app settings, in Chromium against npm run serve', () => {
  let session: Session

  beforeAll(async () => {
    session = await startConnectedSession()
  })

  afterAll(async () => {
    await session?.close()
  })

  it('turns the login item, tray, notifications and updates on and off, and checks the shortcut', async () => {
    const { page } = session
    await openRoute(session, '/settings')
    const section = page.getByRole('region', { name: 'Desktop app' })
    await section.getByText('These apply to the desktop app').waitFor()

    const notify = section.getByLabel('Notify me of new AI tips and daily reports')
    expect(await notify.isChecked()).toBe(true)
    await notify.uncheck()
    await expect.poll(() => settingValue(session, 'desktop.notifyAi')).toBe(false)
    await section.getByLabel('Start Cairn when I log in').check()
    await expect.poll(() => settingValue(session, 'desktop.launchAtLogin')).toBe(true)

    // A shortcut that is not modifiers + one key is refused before it is sent, with the rule in words.
    const shortcut = section.getByLabel('Quick capture shortcut')
    expect(await shortcut.inputValue()).toBe('CommandOrControl+Shift+Space')
    await shortcut.fill('Shift+')
    await section.getByText(/A shortcut is modifiers and one key/).waitFor()
    expect(await section.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true)
    await shortcut.fill('Alt+Shift+K')
    await shortcut.press('Enter')
    await expect.poll(() => settingValue(session, 'desktop.quickCaptureShortcut')).toBe('Alt+Shift+K')
    await section.getByRole('button', { name: 'Default' }).click()
    await expect
      .poll(() => settingValue(session, 'desktop.quickCaptureShortcut'))
      .toBe('CommandOrControl+Shift+Space')

    // Changed elsewhere (the tray, another window): the screen follows.
    await session.rpc.call('settings.set', { key: 'desktop.notifyAi', value: true })
    await expect.poll(() => notify.isChecked()).toBe(true)
    await page.screenshot({
      path: path.join('test-results', 'screens', 'settings-desktop.png'),
      fullPage: true,
    })
  })

  it('says where date pickers take their language from: the next start in the app, the browser in a browser', async () => {
    const { page, rpc } = session
    try {
      await openRoute(session, '/settings')
      const note = page.getByTestId('language-pickers-note')
      expect(await note.count()).toBe(0)
      await page.locator('#language-setting').selectOption('en')
      await note.getByText('Date and time pickers follow your browser’s language').waitFor()

      // The desktop app (its preload stood in for): Chromium took the language at start, so a change waits for the next.
      await rpc.call('settings.set', { key: 'ui.language', value: 'en' })
      const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } })
      const app = await context.newPage()
      app.setDefaultTimeout(8_000)
      await app.addInitScript(standInBridgeScript())
      await app.goto(session.host.ready.url)
      await app.goto(`${session.origin}/#/settings`)
      await waitConnected(app)
      const appNote = app.getByTestId('language-pickers-note')
      expect(await appNote.count()).toBe(0)
      await app.locator('#language-setting').selectOption('zh-CN')
      await appNote.getByText('日期和时间选择器将在 Cairn 下次启动时切换到新语言。').waitFor()
      // Back to the language it started in: nothing waits for a start.
      await app.locator('#language-setting').selectOption('en')
      await expect.poll(() => appNote.count()).toBe(0)
      await context.close()
    } finally {
      await rpc.call('settings.set', { key: 'ui.language', value: 'system' })
    }
    expect(session.problems).toEqual([])
  })
})
