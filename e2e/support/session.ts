import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { HostProcess } from '../../test/support/hostProcess'
import { startHostProcess, stopHostProcess } from '../../test/support/hostProcess'
import { RpcClient } from '../../test/support/rpcClient'
import { launchChromium } from '../browser'

/** One host on a temp data dir, one browser, one page, and an RPC client of the test's own. */
export interface Session {
  dataDir: string
  host: HostProcess
  browser: Browser
  context: BrowserContext
  page: Page
  rpc: RpcClient
  origin: string
  /** Console errors (CSP violations among them) and uncaught page errors seen so far. */
  problems: string[]
  close: () => Promise<void>
}

export async function startSession(
  options: {
    dataDir?: string
    args?: string[]
    env?: Record<string, string>
    /** Leave the first-run guide to open (a new data folder shows it); other specs start past it. */
    firstRun?: boolean
  } = {},
): Promise<Session> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-'))
  const host = await startHostProcess(
    ['--data-dir', dataDir, '--port', '0', ...(options.args ?? [])],
    20_000,
    options.env ?? {},
  )
  const browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  // A step that cannot happen fails in seconds, naming the step, rather than at the test's timeout.
  page.setDefaultTimeout(8_000)
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  const rpc = await RpcClient.connect(host.ready.rpc, host.ready.token)
  if (!options.firstRun) await rpc.call('settings.set', { key: 'ui.firstRunDone', value: true })
  return {
    dataDir,
    host,
    browser,
    context,
    page,
    rpc,
    origin: new URL(host.ready.url).origin,
    problems,
    async close() {
      rpc.close()
      await browser.close()
      await stopHostProcess(host)
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Waits until the app in `page` says it is connected to the host. */
export async function waitConnected(page: Page): Promise<void> {
  await page.getByTestId('status').getByText('Connected', { exact: true }).waitFor()
}

/**
 * A session whose page has opened the app once and is connected: the first visit carries the token, later
 * routes find it in the tab's sessionStorage.
 */
export async function startConnectedSession(
  options: Parameters<typeof startSession>[0] = {},
): Promise<Session> {
  const session = await startSession(options)
  await session.page.goto(session.host.ready.url)
  await waitConnected(session.page)
  return session
}

/** Opens a screen by its hash route (the token is already in this tab's sessionStorage). */
export async function openRoute(session: Session, route: string): Promise<void> {
  // Through a blank page, so that a route differing only in its hash still loads a fresh app.
  await session.page.goto('about:blank')
  await session.page.goto(`${session.origin}/#${route}`)
  await waitConnected(session.page)
}

/**
 * After a failed test in a file that shares one session: a picture of what the page showed, in `dir`, and a
 * reload, so the next test starts from a clean page rather than from the failed one's open dialog.
 */
export async function recordFailure(
  session: Session | undefined,
  testName: string,
  dir: string,
): Promise<void> {
  if (!session) return
  fs.mkdirSync(dir, { recursive: true })
  const name = testName.replace(/\W+/g, '-').slice(0, 60)
  await session.page.screenshot({ path: path.join(dir, `failed-${name}.png`) }).catch(() => undefined)
  await session.page.reload().catch(() => undefined)
}

export type Look = { language: 'en' | 'zh-CN'; theme: 'light' | 'dark' }

/** Runs `look` once in each language and theme, set through the host as the Settings screen sets them. */
export async function forEachLook(
  rpc: Session['rpc'],
  look: (current: Look) => Promise<void>,
): Promise<void> {
  for (const language of ['en', 'zh-CN'] as const) {
    await rpc.call('settings.set', { key: 'ui.language', value: language })
    for (const theme of ['light', 'dark'] as const) {
      await rpc.call('settings.set', { key: 'ui.theme', value: theme })
      await look({ language, theme })
    }
  }
}

/** The browser locale that matches a look's language: what a person who reads it has set. */
export const browserLocaleOf = (language: Look['language']): string =>
  language === 'zh-CN' ? 'zh-CN' : 'en-US'

/**
 * Like forEachLook, with a page whose browser speaks the look's language: the session's own page for English,
 * and for Chinese a page of a Chromium started in Chinese, in a zh-CN context (opened with the host's token, the
 * same viewport), so what the browser draws itself (native date and time fields) is what a Chinese reader sees.
 * Its console errors count among the session's problems. For checks that load their page.
 */
export async function forEachLookInItsLocale(
  session: Session,
  look: (current: Look & { page: Page }) => Promise<void>,
): Promise<void> {
  let chineseBrowser: Browser | null = null
  let chinese: BrowserContext | null = null
  const pageFor = async (language: Look['language']): Promise<Page> => {
    if (language === 'en') return session.page
    if (!chinese) {
      chineseBrowser = await launchChromium('zh-CN')
      chinese = await chineseBrowser.newContext({
        locale: browserLocaleOf(language),
        viewport: session.page.viewportSize() ?? { width: 1280, height: 800 },
      })
      const page = await chinese.newPage()
      page.setDefaultTimeout(8_000)
      page.on('console', (message) => {
        if (message.type() === 'error') session.problems.push(message.text())
      })
      page.on('pageerror', (error) => session.problems.push(`page error: ${error.message}`))
      await page.goto(session.host.ready.url)
      return page
    }
    const [page] = chinese.pages()
    if (!page) throw new Error('The zh-CN page was closed.')
    return page
  }
  try {
    await forEachLook(session.rpc, async (current) =>
      look({ ...current, page: await pageFor(current.language) }),
    )
  } finally {
    await (chineseBrowser as Browser | null)?.close()
  }
}
