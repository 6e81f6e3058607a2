import { BrowserWindow, app, dialog, protocol, shell } from 'electron'
import path from 'node:path'
import { APP_PROTOCOL } from '../../shared/bridge'
import { applyChromiumLanguage } from './chromiumLanguage'
import { installCrashHandlers } from './crashHandling'
import { devDataDir, devServerOrigin } from './devServer'
import { requestedDataDir } from './lifecycle'
import type { AppLog } from './logging'
import { createAppLog } from './logging'
import { guardNavigation } from './navigation'

/** What the steps before `ready` leave for the start: the log, and whether this is the instance that runs. */
export interface Boot {
  /** The built main folder (out/main): the workers, the preload and the renderer sit beside it. */
  mainDir: string
  log: AppLog
  /** The Vite dev server's origin under `npm run dev` (never in a packaged app); null serves the built renderer. */
  devOrigin: string | null
  /** False when another Cairn already runs: it was told to show itself and this one quits. */
  primary: boolean
  /** Ends the start with a message box (the database was refused, another owner, a bug). */
  fail(error: unknown): void
}

/** Electron requires custom schemes to be registered before `ready`; only then may cairn:// use fetch and CSP. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * Everything that must happen before `ready`, in order: the scheme, the data folder (so userData and the log
 * are there from the first line), the log and the crash handlers, the navigation guard for every web contents
 * ever created, and the single-instance lock.
 */
export function registerBeforeReady(mainDir: string): Boot {
  registerAppScheme()
  const dataDir = requestedDataDir(process.argv, process.env)
  // `npm run dev` serves the renderer from Vite and keeps its data apart from the installed app's.
  const devOrigin = devServerOrigin(process.env, app.isPackaged)
  if (dataDir) app.setPath('userData', dataDir)
  else if (devOrigin) app.setPath('userData', devDataDir(app.getPath('appData')))
  // Windows shows notifications only for an app with this id (the appId in electron-builder.yml).
  if (process.platform === 'win32') app.setAppUserModelId('app.cairn.desktop')
  const log = createAppLog({
    dir: path.join(app.getPath('userData'), 'logs'),
    console: !app.isPackaged,
  })
  log.info(
    `Cairn ${app.getVersion()} starting (Electron ${process.versions.electron ?? 'none'}, ${process.platform})`,
  )
  // Native date and time pickers speak Chromium's locale, which only a switch before `ready` sets.
  const locale = applyChromiumLanguage(app.commandLine, app.getPath('userData'))
  log.info(`Chromium locale: ${locale ?? 'the OS’s'}`)
  installCrashHandlers({
    process,
    app,
    log,
    dialog,
    windowOf: (contents) => BrowserWindow.fromWebContents(contents),
  })
  // Every web contents, whichever window or frame made it, stays on cairn://app.
  app.on('web-contents-created', (_event, contents) =>
    guardNavigation(contents, (url) => shell.openExternal(url)),
  )
  const fail = (error: unknown): void => {
    log.error('Cairn cannot start:', error)
    const message =
      typeof error === 'object' && error !== null && 'message' in error
        ? String((error as { message: unknown }).message)
        : String(error)
    dialog.showErrorBox('Cairn cannot start', message)
    app.exit(1)
  }
  const primary = app.requestSingleInstanceLock()
  if (!primary) {
    log.info('Another Cairn is running; it was asked to show its window.')
    app.quit()
  }
  return { mainDir, log, devOrigin, primary, fail }
}
