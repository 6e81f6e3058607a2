import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { chromium } from 'playwright-core'

/** Debian's Chromium (apt-get install chromium); Playwright's own browser download is impossible here. */
export const CHROMIUM_PATH = process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium'

export function chromiumMissingReason(): string | null {
  return fs.existsSync(CHROMIUM_PATH)
    ? null
    : `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium, as .ci/run does) or set CAIRN_CHROMIUM.`
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  })
}
