import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PageGlobals, RunningCairn } from './electronApp'
import { announceSkip, electronMissingReason, launchCairn, waitForPage } from './electronApp'

announceSkip('quick capture')

describe.skipIf(electronMissingReason !== null)('quick capture (Electron)', () => {
  let cairn: RunningCairn

  beforeAll(async () => {
    cairn = await launchCairn()
  })
  afterAll(async () => {
    await cairn?.close()
  })

  const quickCaptureVisible = () =>
    cairn.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()
        .filter((window) => window.webContents.getURL().endsWith('/quick-capture.html'))
        .map((window) => ({ visible: window.isVisible(), onTop: window.isAlwaysOnTop() })),
    )

  const showQuickCapture = () =>
    cairn.app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows().find((candidate) =>
        candidate.webContents.getURL().endsWith('/quick-capture.html'),
      )
      window?.show()
      window?.focus()
    })

  it('is created hidden and always on top at start', async () => {
    expect(await quickCaptureVisible()).toEqual([{ visible: false, onTop: true }])
  })

  it('saves a todo with Enter and a note when Note is chosen, then hides; Esc closes', async () => {
    const page = await waitForPage(cairn.app, '/quick-capture.html')
    await showQuickCapture()
    await page.getByLabel('Quick capture text').fill('Water the plants')
    await page.getByLabel('Quick capture text').press('Enter')
    await expect.poll(async () => (await quickCaptureVisible())[0]?.visible).toBe(false)

    await showQuickCapture()
    await page.getByLabel('Note').check()
    await page.getByLabel('Quick capture text').fill('Retro\nThe tray menu works.')
    await page.getByLabel('Quick capture text').press('Enter')
    await expect.poll(async () => (await quickCaptureVisible())[0]?.visible).toBe(false)

    const saved = await cairn.main.evaluate(async () => ({
      todos: await (globalThis as unknown as PageGlobals).cairn?.call('todos.list', {}),
      notes: await (globalThis as unknown as PageGlobals).cairn?.call('vaults.list', {}),
    }))
    expect(saved.todos).toMatchObject({ ok: true, result: { items: [{ content: 'Water the plants' }] } })
    expect(saved.notes).toMatchObject({ ok: true, result: { items: [{ title: 'Retro' }] } })

    await showQuickCapture()
    await page.keyboard.press('Escape')
    await expect.poll(async () => (await quickCaptureVisible())[0]?.visible).toBe(false)
  })

  it('pastes the clipboard through its preload', async () => {
    const page = await waitForPage(cairn.app, '/quick-capture.html')
    await cairn.app.evaluate(({ clipboard }) => clipboard.writeText('copied from somewhere'))
    await showQuickCapture()
    await page.getByLabel('Quick capture text').fill('')
    await page.getByRole('button', { name: 'Paste clipboard' }).click()
    await expect.poll(() => page.getByLabel('Quick capture text').inputValue()).toBe('copied from somewhere')
  })
})
