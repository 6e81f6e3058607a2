import { BrowserWindow, app, dialog, ipcMain, net, protocol, session, shell } from 'electron'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { APP_ORIGIN, APP_PROTOCOL } from '../shared/bridge'
import { isAppErrorShape } from '../shared/contract/errors'
import type { CoreConnection } from './core/connection'
import { startCoreWorker } from './core/connection'
import { bindIpc } from './electron/ipc'
import { resolveAppFile } from './electron/protocol'
import { buildWebPreferences } from './electron/windows'

protocol.registerSchemesAsPrivileged([
  { scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

const dataDirArgument = process.argv.find((argument) => argument.startsWith('--data-dir='))
if (dataDirArgument) app.setPath('userData', path.resolve(dataDirArgument.slice('--data-dir='.length)))
else if (process.env.CAIRN_DATA_DIR) app.setPath('userData', path.resolve(process.env.CAIRN_DATA_DIR))

let core: CoreConnection | null = null
let mainWindow: BrowserWindow | null = null

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    show: false,
    title: 'Cairn',
    webPreferences: buildWebPreferences(path.join(__dirname, '../preload/index.js')),
  })
  window.once('ready-to-show', () => window.show())
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  void window.loadURL(`${APP_ORIGIN}/index.html`)
  return window
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
    const rendererDir = path.join(__dirname, '../renderer')
    protocol.handle(APP_PROTOCOL, (request) => {
      const file = resolveAppFile(request.url, rendererDir)
      if (!file) return new Response('Not found', { status: 404 })
      return net.fetch(pathToFileURL(file).toString())
    })
    try {
      core = await startCoreWorker({
        workerPath: path.join(__dirname, 'coreWorker.js'),
        dataDir: app.getPath('userData'),
        validateOutput: false,
      })
    } catch (error) {
      // A refused or damaged database, or a folder another Cairn owns: say so before any window opens.
      const message = isAppErrorShape(error) ? error.message : String(error)
      dialog.showErrorBox('Cairn cannot start', message)
      app.exit(1)
      return
    }
    bindIpc(ipcMain, core, () => BrowserWindow.getAllWindows().map((window) => window.webContents))
    mainWindow = createMainWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  let closed = false
  app.on('will-quit', (event) => {
    if (closed || !core) return
    // Finish calls in flight and checkpoint the WAL before the process goes away.
    event.preventDefault()
    void core.close().finally(() => {
      closed = true
      app.quit()
    })
  })
}
