// The Electron main process: wiring only. Every part it connects lives in ./electron and is unit-tested there
// with fakes of the Electron APIs it takes.
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  clipboard,
  desktopCapturer,
  dialog,
  globalShortcut,
  ipcMain,
  nativeTheme,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron'
import path from 'node:path'
import { APP_PROTOCOL } from '../shared/bridge'
import { isAppErrorShape } from '../shared/contract/errors'
import type { CoreConnection } from '../core/runtime/connection'
import { startCoreWorker } from '../core/runtime/connection'
import { createAutoUpdate, loadElectronUpdater } from './electron/autoUpdate'
import { createDevServerHandler, devDataDir, devServerOrigin } from './electron/devServer'
import { shellCaptureState, stallNotices, watchCaptureStatus } from './electron/captureStatus'
import { bindFolderPicker } from './electron/folderPicker'
import { bindIpc } from './electron/ipc'
import { SafeStorageSecretStore } from './electron/secretStore'
import {
  applyLaunchAtLogin,
  installCleanShutdown,
  requestedDataDir,
  revealWindow,
  startedHidden,
} from './electron/lifecycle'
import type { CairnActions, ShellState } from './electron/menu'
import { applicationMenuTemplate } from './electron/menu'
import { guardNavigation } from './electron/navigation'
import { createNotifier } from './electron/notifications'
import { watchAiNotices } from './electron/aiNotices'
import { installPermissionHandlers } from './electron/permissions'
import { openMainWindow } from './electron/mainWindow'
import { createAppProtocolHandler } from './electron/protocol'
import { electronPowerState } from './electron/powerState'
import { bindQuickCaptureIpc, createQuickCapture } from './electron/quickCapture'
import { electronScreenSource } from './electron/screenSource'
import { startEncodeThread } from '../core/capture/encodeThread'
import type { ShellSettings } from './electron/shellSettings'
import { loadShellSettings, saveShellSetting, watchShellSettings } from './electron/shellSettings'
import { createShortcutManager } from './electron/shortcut'
import { createTrayController } from './electron/tray'
import { fileWindowStateStore } from './electron/windowState'
import { WINDOW_URLS, windowOptions } from './electron/windows'

protocol.registerSchemesAsPrivileged([
  { scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

const dataDir = requestedDataDir(process.argv, process.env)
// [issue 12, install] `npm run dev` serves the renderer from Vite and keeps its data apart from the installed app's.
const devOrigin = devServerOrigin(process.env, app.isPackaged)
if (dataDir) app.setPath('userData', dataDir)
else if (devOrigin) app.setPath('userData', devDataDir(app.getPath('appData')))
// [issue 12, install] Windows shows notifications only for an app with this id (the appId in electron-builder.yml).
if (process.platform === 'win32') app.setAppUserModelId('app.cairn.desktop')

// Every web contents, whichever window or frame made it, stays on cairn://app.
app.on('web-contents-created', (_event, contents) =>
  guardNavigation(contents, (url) => shell.openExternal(url)),
)

const iconRoot = app.isPackaged
  ? path.join(process.resourcesPath, 'icons')
  : path.join(app.getAppPath(), 'resources')
const paths = {
  preloadDir: path.join(__dirname, '../preload'),
  ...(process.platform === 'darwin' ? {} : { icon: path.join(iconRoot, 'icon.png') }),
}

let revealMain: (() => void) | null = null
let launchedAgain = false

async function start(): Promise<void> {
  installPermissionHandlers(session.defaultSession)
  protocol.handle(
    APP_PROTOCOL,
    devOrigin
      ? createDevServerHandler(devOrigin, (url) => net.fetch(url)) // [issue 12, install] npm run dev only
      : createAppProtocolHandler(path.join(__dirname, '../renderer'), (url) => net.fetch(url)),
  )

  let core: CoreConnection
  try {
    core = await startCoreWorker({
      workerPath: path.join(__dirname, 'coreWorker.js'),
      dataDir: app.getPath('userData'),
      validateOutput: false,
      // The core's worker asks for these over its message channel (src/core/platform/bridge.ts).
      platform: {
        screen: electronScreenSource({
          capturer: desktopCapturer,
          // JPEG encoding runs in a worker of its own: never on this thread, nor the database's.
          encoder: startEncodeThread({ workerPath: path.join(__dirname, 'captureEncoder.js') }),
          now: () => Date.now(),
        }),
        power: electronPowerState(powerMonitor),
        // The AI API key, encrypted by the OS; never in settings.
        secrets: new SafeStorageSecretStore(safeStorage, app.getPath('userData')),
      },
    })
  } catch (error) {
    // A refused or damaged database, or a folder another Cairn owns: say so before any window opens.
    dialog.showErrorBox('Cairn cannot start', isAppErrorShape(error) ? error.message : String(error))
    app.exit(1)
    return
  }
  const shutdown = installCleanShutdown(app, () => core.close())
  bindIpc(ipcMain, core, () => BrowserWindow.getAllWindows().map((window) => window.webContents))
  bindFolderPicker(ipcMain, {
    ownerOf: (event) => BrowserWindow.fromWebContents(event.sender),
    showOpenDialog: (owner, options) =>
      owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options),
  })
  const settings: ShellSettings = await loadShellSettings(core)
  const notifier = createNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
  })

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
  const initial: ShellState = {
    captureAvailable: false,
    capturePaused: settings.capturePaused,
    shortcut: null,
    status: 'ready',
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
    },
    initial,
    actions,
  )
  const stallNotice = stallNotices()
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
  const refreshMenu = (): void =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(applicationMenuTemplate(process.platform, tray.state, actions)),
    )

  const shortcuts = createShortcutManager(globalShortcut, () => quickCapture.toggle())
  const applyShortcut = (accelerator: string): void => {
    const result = shortcuts.apply(accelerator)
    if (result.ok) tray.update({ shortcut: result.accelerator, status: 'ready' })
    else {
      console.warn(`Cairn: ${result.message}`)
      tray.update({ shortcut: null, status: 'quick capture shortcut unavailable' })
      notifier.notify({ title: 'Quick capture shortcut unavailable', body: result.message })
    }
    refreshMenu()
  }
  const updates = createAutoUpdate({
    loadUpdater: loadElectronUpdater, // [issue 12, install] the ESM interop left autoUpdater undefined
    isPackaged: app.isPackaged,
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    log: (message) => console.warn(`Cairn: ${message}`),
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
    if (name === 'capturePaused') {
      tray.update({ capturePaused: settings.capturePaused })
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
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  // With the tray, closing every window does not quit; Quit in the tray or the menu does.
  app.on('window-all-closed', () => undefined)
  // A second launch (or a dock click) brings the main window back, even one that came while starting up.
  app.on('second-instance', () => (revealMain ? revealMain() : (launchedAgain = true)))
  app.on('activate', () => revealMain?.())
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Cairn cannot start', error instanceof Error ? error.message : String(error))
      app.exit(1)
    })
}
