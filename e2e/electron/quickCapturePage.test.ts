import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostProcess } from '../../test/support/hostProcess'
import { startHostProcess } from '../../test/support/hostProcess'
import { RpcClient } from '../../test/support/rpcClient'
import { chromiumMissingReason, launchChromium } from '../browser'
import { standInBridgeScript } from '../support/standInBridge'

/**
 * The built quick capture page in real Chromium, served by `npm run serve`. Electron's preload is played by init
 * scripts: window.cairn forwards contract calls to the host over its WebSocket (e2e/support/standInBridge.ts),
 * and window.cairnQuickCapture hands out fixed clipboard text and counts closes.
 */
const STAND_IN_QUICK_CAPTURE = `(() => {
  window.quickCaptureClosed = 0
  window.cairnQuickCapture = {
    readClipboard: async () => 'Text from the clipboard',
    close: async () => { window.quickCaptureClosed += 1 },
    onShown: () => () => undefined,
  }
})()`

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the quick capture page in Chromium: ${missing}`)

describe.skipIf(missing !== null)('the quick capture page in Chromium', () => {
  let dataDir: string
  let host: HostProcess
  let browser: Browser
  let rpc: RpcClient

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-quick-page-'))
    host = await startHostProcess(['--data-dir', dataDir, '--port', '0'])
    browser = await launchChromium()
    rpc = await RpcClient.connect(host.ready.rpc, host.ready.token)
  })

  afterAll(async () => {
    rpc?.socket.close()
    await browser?.close()
    host?.child.kill('SIGTERM')
    await host?.exited
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  async function openPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 560, height: 200 } })
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await page.addInitScript(standInBridgeScript())
    await page.addInitScript(STAND_IN_QUICK_CAPTURE)
    await page.goto(`${new URL(host.ready.url).origin}/quick-capture.html#token=${host.ready.token}`)
    return { page, errors }
  }
  const closes = (page: Page) =>
    page.evaluate(() => (globalThis as { quickCaptureClosed?: number }).quickCaptureClosed)

  it('saves a todo with Enter, then closes', async () => {
    const { page, errors } = await openPage()
    const text = page.getByLabel('Quick capture text')
    await expect
      .poll(() => text.evaluate((element) => element === element.ownerDocument.activeElement))
      .toBe(true)
    await text.fill('Renew the passport')
    await page.screenshot({ path: path.join(dataDir, 'quick-capture.png') })
    await text.press('Enter')
    await expect.poll(() => closes(page)).toBe(1)
    expect(await text.inputValue()).toBe('')
    const todos = await rpc.call<{ items: { content: string }[] }>('todos.list', {})
    expect(todos.items.map((todo) => todo.content)).toEqual(['Renew the passport'])
    expect(errors).toEqual([])
  })

  it('saves a note with the clipboard pasted in, Shift+Enter making a new line', async () => {
    const { page, errors } = await openPage()
    await page.getByLabel('Note').check()
    const text = page.getByLabel('Quick capture text')
    await text.fill('Reading list')
    await text.press('Shift+Enter')
    await page.getByRole('button', { name: 'Paste clipboard' }).click()
    await expect.poll(() => text.inputValue()).toBe('Reading list\nText from the clipboard')
    await text.press('Enter')
    await expect.poll(() => closes(page)).toBe(1)
    const notes = await rpc.call<{ items: { title: string; content: string }[] }>('vaults.list', {})
    expect(notes.items).toMatchObject([
      { title: 'Reading list', content: 'Reading list\nText from the clipboard' },
    ])
    expect(errors).toEqual([])
  })

  it('closes on Esc without saving, and says so when there is nothing to save', async () => {
    const { page } = await openPage()
    const text = page.getByLabel('Quick capture text')
    await text.press('Enter')
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Type something first.')
    await text.fill('never saved')
    await page.keyboard.press('Escape')
    await expect.poll(() => closes(page)).toBe(1)
    const todos = await rpc.call<{ total: number }>('todos.list', {})
    expect(todos.total).toBe(1)
  })
})
