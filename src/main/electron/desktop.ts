import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  nativeTheme,
  net,
  protocol,
  screen,
  session,
  shell,
} from 'electron'
import path from 'node:path'
import { APP_PROTOCOL } from '../../shared/bridge'
import { createAutoUpdate, loadElectronUpdater } from './autoUpdate'
import type { Boot } from './bootstrap'
import { shellCaptureState, stallNotices, watchCaptureStatus } from './captureStatus'
import { startDesktopCore } from './coreStart'
import type { SupervisedCore } from './coreSupervisor'
import { bindDesktopIpc } from './desktopIpc'
import { diagnosticsText, processFacts } from './diagnostics'
import { FolderGrants } from './folderGrants'
import { bindFolderPicker } from './folderPicker'
import { bindIpc } from './ipc'
import { applyLaunchAtLogin, installCleanShutdown, revealWindow, startedHidden } from './lifecycle'
import { openMainWindow } from './mainWindow'
import type { CairnActions, ShellState } from './menu'
import { applicationMenuTemplate } from './menu'
import { shellLanguage, shellText } from './shellText'
import type { Language } from '../../shared/i18n'
import { createNotifier } from './notifications'
import { watchAiNotices } from './aiNotices'
import { installPermissionHandlers } from './permissions'
import { createAppProtocolHandler } from './protocol'
import { createDevServerHandler } from './devServer'
import { bindQuickCaptureIpc, createQuickCapture } from './quickCapture'
import type { ShellSettings } from './shellSettings'
import { loadShellSettings, saveShellSetting, watchShellSettings } from './shellSettings'
import { rememberLanguageChoice } from './chromiumLanguage'
import { createShortcutManager } from './shortcut'
import { createTrayController } from './tray'
import { fileWindowStateStore } from './windowState'
import { WINDOW_URLS, windowOptions } from './windows'

/** Quit never waits longer than this for the core: a stuck one is stopped and the database left to its WAL. */
export const QUIT_DEADLINE_MS = 3000

let revealMain: (() => void) | null = null
let launchedAgain = false

/** A second launch (or a dock click) brings the main window back, even one that came while starting up. */
export function registerAppEvents(): void {
  // With the tray, closing every window does not quit; Quit in the tray or the menu does.
  app.on('window-all-closed', () => undefined)
  app.on('second-instance', () => (revealMain ? revealMain() : (launchedAgain = true)))
  app.on('activate', () => revealMain?.())
}

/**
 * The default session before any page loads: every permission denied, cairn:// served from the built renderer,
 * and no spell-check dictionary fetched from the network unless the person turned spell-checking on.
 */
export function prepareSession(rendererDir: string, devOrigin: string | null): void {
  installPermissionHandlers(session.defaultSession)
  session.defaultSession.setSpellCheckerEnabled(false)
  protocol.handle(
    APP_PROTOCOL,
    devOrigin
      ? createDevServerHandler(devOrigin, (url) => net.fetch(url))
      : createAppProtocolHandler(rendererDir, (url) => net.fetch(url)),
  )
}

/** After `ready`: the core, then the shell's parts around it, then the first window. */
export async function startDesktop(boot: Boot): Promise<void> {
  const { log, mainDir } = boot
  prepareSession(path.join(mainDir, '../renderer'), boot.devOrigin)
  const notifier = createNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
  })

  let core: SupervisedCore
  try {
    core = await startDesktopCore(boot, notifier)
  } catch (error) {
    // A refused or damaged database, or a folder another Cairn owns: say so before any window opens.
    boot.fail(error)
    return
  }
  const shutdown = installCleanShutdown(app, () => core.close(), {
    deadlineMs: QUIT_DEADLINE_MS,
    terminate: () => core.terminate(),
    log,
  })
  const folderGrants = new FolderGrants()
  bindIpc(
    ipcMain,
    core,
    () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    folderGrants,
  )
  bindFolderPicker(ipcMain, {
    grants: folderGrants,
    ownerOf: (event) => BrowserWindow.fromWebContents(event.sender),
    showOpenDialog: (owner, options) =>
      owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options),
  })
  bindDesktopIpc(ipcMain, {
    log,
    actions: {
      openLogsFolder: async () => (await shell.openPath(log.dir)) === '',
      copyDiagnostics: async () => {
        const facts = processFacts(app.getVersion(), app.getPath('userData'), log.dir, core.restarts)
        await clipboard.writeText(await diagnosticsText(facts, core, log))
        return true
      },
    },
  })
  const settings: ShellSettings = await loadShellSettings(core)
  session.defaultSession.setSpellCheckerEnabled(settings.spellcheck)
  // For the next start's Chromium locale (the date pickers): the choice as the database has it now, whoever
  // made it (Settings, an import, an older Cairn that kept no copy).
  const keepLanguage = (): void =>
    void rememberLanguageChoice(app.getPath('userData'), settings.language).catch((error: unknown) =>
      log.warn('The language for the next start could not be kept:', error),
    )
  keepLanguage()

  const iconRoot = app.isPackaged
    ? path.join(process.resourcesPath, 'icons')
    : path.join(app.getAppPath(), 'resources')
  const paths = {
    preloadDir: path.join(mainDir, '../preload'),
    ...(process.platform === 'darwin' ? {} : { icon: path.join(iconRoot, 'icon.png') }),
  }
  const windowState = fileWindowStateStore(app.getPath('userData'))
  let mainWindow: BrowserWindow | null = null
  const createMainWindow = (show: boolean): BrowserWindow =>
    openMainWindow(
      {
        create: (bounds) => new BrowserWindow(windowOptions('main', paths, bounds)),
        store: windowState,
        workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
        hideToTray: () => settings.hideToTrayOnClose,
        quitting: shutdown.quitting,
        onClosed: () => {
          mainWindow = null
          if (!settings.hideToTrayOnClose && process.platform !== 'darwin') app.quit()
        },
      },
      show,
    )

  const quickCapture = createQuickCapture({
    createWindow: () => new BrowserWindow(windowOptions('quickCapture', paths)),
    screen,
    platform: process.platform,
    focusApp: () => app.focus({ steal: true }),
  })
  quickCapture.prepare()
  bindQuickCaptureIpc(ipcMain, {
    readClipboardText: () => clipboard.readText(),
    hide: () => quickCapture.hide(),
  })

  const actions: CairnActions = {
    openMain: () => revealWindow((mainWindow ??= createMainWindow(true))),
    quickCapture: () => quickCapture.show(),
    captureNow: () => void core.call('capture.captureNow', {}),
    setCapturePaused: (paused) => void saveShellSetting(core, 'capturePaused', paused),
    quit: () => app.quit(),
  }
  const language = (): Language => shellLanguage(settings.language, app.getPreferredSystemLanguages())
  const initial: ShellState = {
    captureAvailable: false,
    captureEnabled: false,
    capturePaused: settings.capturePaused,
    shortcut: null,
    status: 'ready',
    language: language(),
  }
  const tray = createTrayController(
    {
      createTray: (icon) => {
        const created = new Tray(icon)
        created.on('click', () => actions.openMain())
        return created
      },
      buildMenu: (template) => Menu.buildFromTemplate(template),
      theme: nativeTheme,
      platform: process.platform,
      iconDir: path.join(iconRoot, 'tray'),
      desktop: process.env.XDG_CURRENT_DESKTOP ?? '',
    },
    initial,
    actions,
  )
  const refreshMenu = (): void =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(applicationMenuTemplate(process.platform, tray.state, actions)),
    )
  const stallNotice = stallNotices(language)
  const stopCaptureStatus = watchCaptureStatus(
    core,
    (status) => {
      tray.update(shellCaptureState(status))
      refreshMenu()
      const notice = stallNotice(status)
      if (notice) notifier.notify(notice)
    },
    {
      setInterval: (fn, ms) => setInterval(fn, ms),
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    },
  )

  const shortcuts = createShortcutManager(globalShortcut, () => quickCapture.toggle())
  const applyShortcut = (accelerator: string): void => {
    const result = shortcuts.apply(accelerator)
    if (result.ok) tray.update({ shortcut: result.accelerator, status: 'ready' })
    else {
      log.warn(result.message)
      tray.update({ shortcut: null, status: 'shortcutUnavailable' })
      notifier.notify({ title: shellText(language())('shell.shortcutTitle'), body: result.message })
    }
    refreshMenu()
  }
  const updates = createAutoUpdate({
    loadUpdater: loadElectronUpdater,
    isPackaged: app.isPackaged,
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    log: (message) => log.warn(message),
  })
  // A development run must not register the bare Electron binary as a login item.
  const applyLogin = (enabled: boolean): void => {
    if (app.isPackaged) applyLaunchAtLogin(app, enabled, process.platform)
  }

  applyShortcut(settings.quickCaptureShortcut)
  applyLogin(settings.launchAtLogin)
  updates.setEnabled(settings.autoUpdate)
  watchShellSettings(core, (name, value) => {
    Object.assign(settings, { [name]: value })
    if (name === 'quickCaptureShortcut') applyShortcut(settings.quickCaptureShortcut)
    if (name === 'launchAtLogin') applyLogin(settings.launchAtLogin)
    if (name === 'autoUpdate') updates.setEnabled(settings.autoUpdate)
    if (name === 'spellcheck') session.defaultSession.setSpellCheckerEnabled(settings.spellcheck)
    if (name === 'language') keepLanguage()
    if (name === 'capturePaused' || name === 'language') {
      tray.update({ capturePaused: settings.capturePaused, language: language() })
      refreshMenu()
    }
  })

  const stopAiNotices = watchAiNotices(core, {
    enabled: () => settings.notifyAi,
    notify: (options) => void notifier.notify(options),
    open: (route) => {
      actions.openMain()
      // Only the fragment changes: the renderer's hash router moves there without reloading.
      void mainWindow?.loadURL(`${WINDOW_URLS.main}#${route}`)
    },
  })

  const hidden = startedHidden(
    process.argv,
    process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
  )
  mainWindow = createMainWindow(!hidden)
  revealMain = actions.openMain
  if (launchedAgain) actions.openMain()
  app.on('will-quit', () => {
    shortcuts.dispose()
    updates.stop()
    stopCaptureStatus()
    stopAiNotices()
    tray.destroy()
  })
  log.info('Cairn is ready.')
}
