// npm run bench:ui — seeds 100,000 activities and 100,000 todos, starts the built host, and measures in
// headless Chromium how long the Timeline and Todos screens take to show their first rows, and what a
// scroll to the middle costs (rows in the DOM, pages fetched over the socket).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Page } from 'playwright-core'
import { chromiumMissingReason, launchChromium } from '../../e2e/browser'
import { REPO_ROOT, startHostProcess } from '../../test/support/hostProcess'
import { seedUi } from './seed'

const COUNT = Number(process.argv[process.argv.indexOf('--rows') + 1]) || 100_000
const RUNS = 5

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
const fmt = (ms: number): string => `${ms.toFixed(0)} ms`

interface Screen {
  name: string
  route: string
  list: string
  countText: string
  rowHeight: number
}

/** Counts the contract calls the page sends, by method, from its WebSocket frames. */
function watchCalls(page: Page): Map<string, number> {
  const calls = new Map<string, number>()
  page.on('websocket', (socket) =>
    socket.on('framesent', (frame) => {
      const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString()
      const method = (JSON.parse(text) as { method?: string }).method ?? '?'
      calls.set(method, (calls.get(method) ?? 0) + 1)
    }),
  )
  return calls
}

async function measure(page: Page, calls: Map<string, number>, origin: string, screen: Screen) {
  const list = page.getByRole('list', { name: screen.list })
  const firstRow = list.getByRole('listitem').first().locator(':not(.row-placeholder)').first()
  const cold: number[] = []
  for (let run = 0; run < RUNS; run += 1) {
    await page.goto('about:blank')
    const started = performance.now()
    await page.goto(`${origin}/#${screen.route}`)
    await firstRow.waitFor({ timeout: 30_000 })
    await page.getByText(screen.countText).first().waitFor({ timeout: 30_000 })
    cold.push(performance.now() - started)
  }
  // From another screen inside the running app (the usual way in): a click on the sidebar link.
  const warm: number[] = []
  for (let run = 0; run < RUNS; run += 1) {
    await page.goto('about:blank')
    await page.goto(`${origin}/#/settings`)
    await page.getByTestId('status').getByText('Connected').waitFor()
    const started = performance.now()
    await page.getByRole('link', { name: screen.name, exact: true }).click()
    await firstRow.waitFor({ timeout: 30_000 })
    warm.push(performance.now() - started)
  }
  // Scroll to the middle and to the end: only the rows on screen exist and only their pages are fetched.
  calls.clear()
  const scrolls: number[] = []
  for (const fraction of [0.5, 0.999]) {
    const index = Math.floor(COUNT * fraction)
    const started = performance.now()
    await list.evaluate((element, to) => (element.scrollTop = to), index * screen.rowHeight)
    // Until the rows at the new position are rendered and every one of them holds its data.
    const top = index * screen.rowHeight
    for (;;) {
      const ready = await list.evaluate(
        (element, target) => {
          // VirtualRows places each row with style="transform: translateY(Npx)"; large N reads back as 3.2e+06.
          const rows = [...element.querySelectorAll('[role="listitem"]')] as unknown as {
            style: { transform: string }
          }[]
          const offsets = rows.map((row) =>
            Number(/translateY\(([^)]+)px\)/.exec(row.style.transform)?.[1] ?? 0),
          )
          const done = Math.max(...offsets) >= target && element.querySelector('.row-placeholder') === null
          return { done, max: Math.max(...offsets), scrollTop: element.scrollTop, rows: rows.length }
        },
        Math.min(top, (COUNT - 15) * screen.rowHeight),
      )
      if (ready.done) break
      if (performance.now() - started > 20_000)
        throw new Error(`${screen.name}: rows never arrived at ${top}px: ${JSON.stringify(ready)}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    scrolls.push(performance.now() - started)
  }
  const domRows = await list.getByRole('listitem').count()
  const listCalls = [...calls]
    .filter(([method]) => method.endsWith('.list'))
    .reduce((sum, [, n]) => sum + n, 0)
  return { cold, warm, scrolls, domRows, listCalls }
}

async function main(): Promise<void> {
  const missing = chromiumMissingReason()
  if (missing) throw new Error(missing)
  const built = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/ensure-built.mjs')], {
    stdio: 'inherit',
  })
  if (built.status !== 0) throw new Error('build failed')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-ui-'))
  const today = new Date()
  today.setHours(0, 0, 0, 0)
  let started = performance.now()
  seedUi(dataDir, { activities: COUNT, todos: COUNT, day: today.getTime() })
  console.log(
    `seeded ${COUNT.toLocaleString()} activities (all today) and ${COUNT.toLocaleString()} todos in ${fmt(performance.now() - started)}`,
  )
  const host = await startHostProcess(['--data-dir', dataDir, '--port', '0'])
  const browser = await launchChromium()
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    const calls = watchCalls(page)
    started = performance.now()
    await page.goto(host.ready.url)
    await page.getByTestId('status').getByText('Connected').waitFor()
    console.log(`first load of the app (Today screen connected): ${fmt(performance.now() - started)}`)
    const origin = new URL(host.ready.url).origin
    const total = COUNT.toLocaleString('en-US')
    const screens: Screen[] = [
      {
        name: 'Timeline',
        route: '/timeline',
        list: 'Activities',
        countText: `${total} activities`,
        rowHeight: 64,
      },
      {
        name: 'Todos',
        route: '/todos?status=all',
        list: 'Todos',
        countText: `${total} todos`,
        rowHeight: 44,
      },
    ]
    console.log(
      `\nmedian of ${RUNS} runs, headless Chromium (${os.cpus().length} × ${os.cpus()[0]?.model.trim()})`,
    )
    console.log(
      'screen    | page load → first rows | sidebar click → first rows | scroll to middle | scroll to end | rows in DOM | list calls for both scrolls',
    )
    for (const screen of screens) {
      const result = await measure(page, calls, origin, screen)
      console.log(
        `${screen.name.padEnd(9)} | ${fmt(median(result.cold)).padStart(22)} | ${fmt(median(result.warm)).padStart(26)} | ${fmt(result.scrolls[0] ?? NaN).padStart(16)} | ${fmt(result.scrolls[1] ?? NaN).padStart(13)} | ${String(result.domRows).padStart(11)} | ${result.listCalls}`,
      )
      console.log(
        `          worst page load ${fmt(Math.max(...result.cold))}, worst click ${fmt(Math.max(...result.warm))}`,
      )
    }
  } finally {
    await browser.close()
    host.child.kill('SIGTERM')
    await host.exited
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
