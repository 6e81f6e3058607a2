import type { App, BrowserWindow } from 'electron'
import path from 'node:path'

/**
 * The data folder asked for on the command line (--data-dir=DIR or --data-dir DIR) or in CAIRN_DATA_DIR,
 * as an absolute path; null means Electron's userData.
 */
export function requestedDataDir(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? ''
    if (argument.startsWith('--data-dir=')) return path.resolve(argument.slice('--data-dir='.length))
    if (argument === '--data-dir' && argv[index + 1]) return path.resolve(argv[index + 1] as string)
  }
  return env.CAIRN_DATA_DIR ? path.resolve(env.CAIRN_DATA_DIR) : null
}

/** Started by the OS at login: stay in the tray instead of opening the main window. */
export const HIDDEN_ARGUMENT = '--hidden'

/** Windows passes --hidden from the login item; macOS says the app was opened at login. */
export function startedHidden(argv: readonly string[], wasOpenedAtLogin = false): boolean {
  return wasOpenedAtLogin || argv.includes(HIDDEN_ARGUMENT)
}

/** Brings a window back from the tray, the dock or under other windows (second launch, tray, dock click). */
export function revealWindow(
  window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'>,
): void {
  if (window.isMinimized()) window.restore()
  if (!window.isVisible()) window.show()
  window.focus()
}

export type LoginItemResult = { applied: true } | { applied: false; reason: string }

/**
 * Launch at login follows the setting. macOS and Windows keep login items; on Linux Electron has no API for
 * it (desktop environments read ~/.config/autostart), so the setting is reported as not applied there.
 */
export function applyLaunchAtLogin(
  app: Pick<App, 'setLoginItemSettings'>,
  enabled: boolean,
  platform: NodeJS.Platform,
): LoginItemResult {
  if (platform !== 'darwin' && platform !== 'win32') {
    return { applied: false, reason: 'Launch at login is not supported on this platform yet.' }
  }
  app.setLoginItemSettings({ openAtLogin: enabled, args: enabled ? [HIDDEN_ARGUMENT] : [] })
  return { applied: true }
}

export interface QuitEvent {
  preventDefault(): void
}

export interface ShutdownApp {
  on(event: 'before-quit', listener: () => void): unknown
  on(event: 'will-quit', listener: (event: QuitEvent) => void): unknown
  quit(): void
}
const _appCanShutDown = (app: App): ShutdownApp => app
void _appCanShutDown

export interface ShutdownOptions {
  /** How long `close` may take before the core is stopped without it (a core stuck in a call). */
  deadlineMs?: number
  /** Stops the core at once; called when the deadline passes. */
  terminate?: () => Promise<void>
  log?: { error(...parts: unknown[]): void; warn(...parts: unknown[]): void }
}

/**
 * A clean shutdown: on quit, the first will-quit is held back while `close` runs (the core finishes calls in
 * flight, checkpoints the WAL and closes the database), then the app quits for real. A core that does not
 * finish within the deadline is stopped, so Quit always quits: SQLite's WAL keeps the file consistent, and the
 * next start checks it because the clean-quit marker was not written. `quitting()` tells the hide-to-tray
 * handler to let windows close.
 */
export function installCleanShutdown(
  app: ShutdownApp,
  close: () => Promise<void>,
  options: ShutdownOptions = {},
) {
  const log = options.log ?? { error: console.error, warn: console.warn }
  let quitting = false
  let closed = false
  let closing: Promise<void> | null = null
  app.on('before-quit', () => {
    quitting = true
  })
  app.on('will-quit', (event) => {
    quitting = true
    if (closed) return
    event.preventDefault()
    closing ??= withDeadline(close(), options, log)
      .catch((error: unknown) => log.error('Closing the core failed:', error))
      .finally(() => {
        closed = true
        app.quit()
      })
  })
  return { quitting: (): boolean => quitting }
}

async function withDeadline(
  closing: Promise<void>,
  options: ShutdownOptions,
  log: NonNullable<ShutdownOptions['log']>,
): Promise<void> {
  if (options.deadlineMs === undefined) return closing
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), options.deadlineMs)
  })
  try {
    if ((await Promise.race([closing, late])) !== 'late') return
  } finally {
    clearTimeout(timer)
  }
  log.warn(`The core did not close within ${options.deadlineMs} ms; stopping it so Cairn can quit.`)
  await options.terminate?.()
}
