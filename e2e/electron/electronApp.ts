import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type { ElectronApplication, Page } from 'playwright-core'
import { _electron } from 'playwright-core'
import type { CairnBridge } from '../../src/shared/bridge'
import type { QuickCaptureBridge } from '../../src/shared/quickCapture'

const root = path.resolve(__dirname, '../..')
const require = createRequire(import.meta.url)

/** Chromium's own sandbox refuses to run as root (CI containers); the renderer sandbox setting is unchanged. */
const ROOT_ARGS = process.getuid?.() === 0 ? ['--no-sandbox'] : []

/** The Electron binary the electron package points at, or why there is none that runs. */
function findElectron(): { executable: string } | { missing: string } {
  // The cheap checks first: without a display no window can open, whatever the binary.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return {
      missing:
        'no display to open windows on (run under xvfb-run, e.g. xvfb-run -a npx vitest run e2e/electron)',
    }
  }
  let executable: string
  try {
    // In Node, the electron package exports the path of the binary it downloaded at install time.
    executable = String(require('electron'))
  } catch (error) {
    return {
      missing: `the electron package has no binary, since downloading it from Electron's releases is not possible on this machine (require('electron') says: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    }
  }
  if (!fs.existsSync(executable)) return { missing: `no Electron binary at ${executable}` }
  // As root the binary only starts with --no-sandbox, so the probe passes it too.
  const probe = spawnSync(executable, [...ROOT_ARGS, '--version'], { encoding: 'utf8', timeout: 30_000 })
  if (probe.error || probe.status !== 0) {
    return {
      missing: `Electron at ${executable} does not start (${probe.error?.message ?? `exit ${String(probe.status)}: ${probe.stderr.trim()}`})`,
    }
  }
  return { executable }
}

const found = findElectron()

/** Null when the Electron e2e specs can run here, else the reason they are skipped (printed by each spec). */
export const electronMissingReason: string | null = 'missing' in found ? found.missing : null

export function announceSkip(spec: string): void {
  if (electronMissingReason)
    console.warn(`Skipping the Electron e2e spec "${spec}": ${electronMissingReason}.`)
}

export interface RunningCairn {
  app: ElectronApplication
  dataDir: string
  /** The main window's page (cairn://app/index.html). */
  main: Page
  close(): Promise<void>
}

/** Launches the built app (out/main/index.js) on a fresh data folder and waits for its main window. */
export async function launchCairn(): Promise<RunningCairn> {
  if ('missing' in found) throw new Error(found.missing)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-electron-e2e-'))
  const app = await _electron.launch({
    executablePath: found.executable,
    // The project root is the app path, as `electron .` and electron-vite use it: package.json's main is
    // out/main/index.js, and app.getAppPath() finds resources/ (the tray and window icons) beside it.
    args: [...ROOT_ARGS, root, `--data-dir=${dataDir}`],
    env: { ...(process.env as Record<string, string>), CAIRN_DATA_DIR: dataDir },
    timeout: 60_000,
  })
  const main = await waitForPage(app, '/index.html')
  return {
    app,
    dataDir,
    main,
    async close() {
      await app.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The page whose URL ends with `pathname`, waiting for it to appear. */
export async function waitForPage(app: ElectronApplication, pathname: string): Promise<Page> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const page = app
      .windows()
      .find((candidate) => new URL(candidate.url() || 'about:blank').pathname === pathname)
    if (page) {
      await page.waitForLoadState('domcontentloaded')
      return page
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`No window showed ${pathname} within 30 s.`)
}

/**
 * What specs touch inside a page, typed without the DOM library (this tsconfig is Node's). Use it as
 * `globalThis as unknown as PageGlobals` inside page.evaluate: the function is serialized, so it can use types
 * but no values from here.
 */
export interface PageGlobals {
  cairn?: CairnBridge
  cairnQuickCapture?: QuickCaptureBridge
  location: { href: string }
  open(url: string): unknown
  navigator: { mediaDevices: { getUserMedia(constraints: { audio: boolean }): Promise<unknown> } }
}
