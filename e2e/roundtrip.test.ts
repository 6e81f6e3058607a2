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

  it('saves a note through the WebSocket contract, shows it after a reload, and finds it by search', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(message.text())
    })
    await page.goto(host.ready.url)
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Connected')
    await page.getByLabel('Title').fill('Otter research')
    await page.getByLabel('Text').fill('Sea otters hold hands while they sleep.')
    await page.getByRole('button', { name: 'Save note' }).click()
    await page.getByRole('list', { name: 'Notes' }).getByText('Otter research').waitFor()

    await page.reload()
    await page.getByRole('list', { name: 'Notes' }).getByText('Otter research').waitFor()

    await page.getByLabel('Search everything').fill('otters sle')
    const results = page.getByRole('list', { name: 'Search results' })
    await results.getByText('Otter research').waitFor()
    expect(await results.textContent()).toContain('hold hands while they sleep')

    await page.screenshot({ path: path.join(dataDir, 'roundtrip.png') })
    expect(violations).toEqual([])
    await page.close()
  })

  it('refuses a page without the token and says so', async () => {
    const page = await browser.newPage()
    await page.goto(new URL(host.ready.url).origin + '/')
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toContain('access token')
    expect(await page.getByTestId('status').textContent()).toContain('Connecting')
    await page.close()
  })
})
