import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningCairn } from './electronApp'
import { announceSkip, electronMissingReason, launchCairn } from './electronApp'

announceSkip('the main window')

describe.skipIf(electronMissingReason !== null)('the main window (Electron)', () => {
  let cairn: RunningCairn

  beforeAll(async () => {
    cairn = await launchCairn()
  })
  afterAll(async () => {
    await cairn?.close()
  })

  it('opens the app from cairn://app with the title Cairn', async () => {
    expect(cairn.main.url()).toBe('cairn://app/index.html')
    expect(await cairn.main.title()).toBe('Cairn')
  })

  it('has exactly the main and the quick capture window, both pages without Node', async () => {
    const urls = await cairn.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((window) => window.webContents.getURL()),
    )
    expect(urls.map((url) => new URL(url).pathname).sort()).toEqual(['/index.html', '/quick-capture.html'])
    // contextIsolation + sandbox + no nodeIntegration: the page's world has no require, process or module.
    const globals = await cairn.main.evaluate(() =>
      ['require', 'process', 'module', 'Buffer'].map(
        (name) => typeof (globalThis as Record<string, unknown>)[name],
      ),
    )
    expect(globals).toEqual(['undefined', 'undefined', 'undefined', 'undefined'])
  })

  it('sends the Content-Security-Policy header with its pages', async () => {
    const header = await cairn.main.evaluate(async () =>
      (await fetch('cairn://app/index.html')).headers.get('Content-Security-Policy'),
    )
    expect(header).toContain("script-src 'self'")
  })

  it('hides to the tray on close by default instead of quitting', async () => {
    await cairn.app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()
        .find((window) => window.webContents.getURL().endsWith('/index.html'))
        ?.close()
    })
    const visible = () =>
      cairn.app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()
          .filter((window) => window.webContents.getURL().endsWith('/index.html'))
          .map((window) => window.isVisible()),
      )
    await expect.poll(visible).toEqual([false])
  })
})
