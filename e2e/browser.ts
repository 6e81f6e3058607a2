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

/**
 * A headless Chromium. `language` is the language Chromium itself speaks, fixed at launch: on Linux it comes from
 * the environment (LANGUAGE), not from a context's locale, and it is what draws native date and time fields
 * ("年/月/日" rather than "mm/dd/yyyy"; Debian's chromium-l10n brings the words).
 */
export function launchChromium(language?: 'zh-CN'): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    ...(language ? { env: { ...process.env, LANGUAGE: language.replace('-', '_') } } : {}),
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
