import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostProcess } from '../test/support/hostProcess'
import { startHostProcess } from '../test/support/hostProcess'
import { chromiumMissingReason, launchChromium } from './browser'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the browser round trip: ${missing}`)

describe.skipIf(missing !== null)('the renderer in a real browser against npm run serve', () => {
  let dataDir: string
  let host: HostProcess
  let browser: Browser

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-'))
    host = await startHostProcess(['--data-dir', dataDir, '--port', '0'])
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    host?.child.kill('SIGTERM')
    await host?.exited
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  // Saving, reloading and searching through the UI are covered screen by screen in screens.test.ts.

  it('refuses a page without the token and says so', async () => {
    const page = await browser.newPage()
    await page.goto(new URL(host.ready.url).origin + '/')
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toContain('access token')
    expect(await page.getByTestId('status').textContent()).toContain('Disconnected')
    await page.close()
  })
})
