import type { App, BrowserWindow, Details, Dialog, RenderProcessGoneDetails, WebContents } from 'electron'
import type { AppLog } from './logging'

export type CrashApp = {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, contents: WebContents, details: RenderProcessGoneDetails) => void,
  ): unknown
  on(event: 'child-process-gone', listener: (event: unknown, details: Details) => void): unknown
}
const _appCanCrash = (app: App): CrashApp => app
void _appCanCrash

export interface CrashProcess {
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
}

export interface CrashDeps {
  process: CrashProcess
  app: CrashApp
  log: Pick<AppLog, 'error' | 'warn'>
  dialog: Pick<Dialog, 'showMessageBox'>
  /** The window showing `contents`, when there is one; a page without a window is reloaded without asking. */
  windowOf?: (contents: WebContents) => BrowserWindow | null
}

export const RELOAD_BUTTON = 0

/**
 * Nothing fails silently: an exception or rejection no one caught in this process is logged (and the app goes
 * on: Electron's default would be an alarming dialog for something that usually only ends one action); a
 * window whose page crashed is offered a reload; a child process (GPU, network, utility) that died is logged.
 */
export function installCrashHandlers(deps: CrashDeps): void {
  deps.process.on('uncaughtException', (error, origin) => {
    deps.log.error(`Uncaught exception (${origin}):`, error)
  })
  deps.process.on('unhandledRejection', (reason) => {
    deps.log.error('Unhandled promise rejection:', reason)
  })
  deps.app.on('render-process-gone', (_event, contents, details) => {
    if (details.reason === 'clean-exit') return
    deps.log.error(`A window's page stopped (${details.reason}, exit code ${details.exitCode}).`)
    void offerReload(contents, deps)
  })
  deps.app.on('child-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return
    deps.log.warn(
      `The ${details.name ?? details.type} process stopped (${details.reason}, exit code ${details.exitCode}).`,
    )
  })
}

async function offerReload(contents: WebContents, deps: CrashDeps): Promise<void> {
  if (contents.isDestroyed()) return
  const window = deps.windowOf?.(contents) ?? null
  // A hidden window (quick capture waiting for its shortcut) is simply made again: no one is looking.
  if (!window || window.isDestroyed() || !window.isVisible()) {
    contents.reload()
    return
  }
  const { response } = await deps.dialog.showMessageBox(window, {
    type: 'warning',
    title: 'Cairn',
    message: 'This Cairn window stopped unexpectedly.',
    detail: 'Your data is safe: it is kept by the core, not the window. Reload the window to go on.',
    buttons: ['Reload', 'Close window'],
    defaultId: RELOAD_BUTTON,
    cancelId: 1,
  })
  if (contents.isDestroyed()) return
  if (response === RELOAD_BUTTON) contents.reload()
  else window.close()
}
