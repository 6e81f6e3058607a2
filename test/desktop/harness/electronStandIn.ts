/**
 * A recording stand-in for the `electron` module, for running the BUILT main process (out/main/index.js) under
 * plain Node. Each part does what Electron does for the calls Cairn makes (windows load their page through the
 * registered cairn:// handler and run the built preload; ipcRenderer reaches ipcMain; app.quit runs before-quit,
 * closes windows, will-quit and exits), and every call that matters for the ordering rules is recorded.
 * The types come from electron.d.ts: each class implements the slice of the real one it stands in for.
 */
import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import type * as Electron from 'electron'

export interface RecordedStep {
  at: number
  step: string
  detail?: unknown
}

/** Everything the stand-in saw, in order; sent to the test on request and written to a file at exit. */
export const recorder = {
  steps: [] as RecordedStep[],
  problems: [] as string[],
  record(step: string, detail?: unknown): void {
    recorder.steps.push({ at: performance.now(), step, ...(detail === undefined ? {} : { detail }) })
  },
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

// ---------------------------------------------------------------------------------------------------- app

let ready = false
let quitting = false
const paths = new Map<string, string>()

class AppStandIn extends EventEmitter {
  name = 'Cairn'
  readonly isPackaged = false
  private readyWaiters: (() => void)[] = []

  constructor(private readonly appPath: string) {
    super()
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-harness-home-'))
    paths.set('home', home)
    paths.set('appData', path.join(home, '.config'))
    paths.set('userData', path.join(home, '.config', 'Cairn'))
    paths.set('temp', os.tmpdir())
  }

  fireReady(): void {
    recorder.record('app.ready')
    ready = true
    this.emit('ready', {}, {})
    for (const resolve of this.readyWaiters.splice(0)) resolve()
  }

  isReady(): boolean {
    return ready
  }
  whenReady(): Promise<void> {
    return ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve))
  }
  getName(): string {
    return this.name
  }
  getVersion(): string {
    return (
      JSON.parse(fs.readFileSync(path.join(this.appPath, 'package.json'), 'utf8')) as { version: string }
    ).version
  }
  getAppPath(): string {
    return this.appPath
  }
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    if (name === 'logs') return path.join(this.getPath('userData'), 'logs')
    const found = paths.get(name)
    if (!found) throw new Error(`Failed to get '${name}' path`)
    return found
  }
  setPath(name: string, value: string): void {
    recorder.record('app.setPath', { name, value })
    paths.set(name, value)
  }
  requestSingleInstanceLock(): boolean {
    return true
  }
  /** As Electron's: switches appended before `ready` reach Chromium; later ones do nothing, so say so. */
  readonly commandLine: Pick<Electron.CommandLine, 'appendSwitch' | 'hasSwitch' | 'getSwitchValue'> = (() => {
    const switches = new Map<string, string>()
    return {
      appendSwitch(name: string, value?: string): void {
        recorder.record('app.commandLine.appendSwitch', { name, value, beforeReady: !ready })
        switches.set(name, value ?? '')
      },
      hasSwitch: (name: string) => switches.has(name),
      getSwitchValue: (name: string) => switches.get(name) ?? '',
    }
  })()
  /** As Electron: the OS's preferred languages; the harness sets them by CAIRN_STANDIN_LANGUAGES. */
  getPreferredSystemLanguages(): ReturnType<Electron.App['getPreferredSystemLanguages']> {
    return (process.env.CAIRN_STANDIN_LANGUAGES ?? 'en-US').split(',')
  }
  getLoginItemSettings(): Pick<Electron.LoginItemSettings, 'wasOpenedAtLogin' | 'openAtLogin'> {
    return { wasOpenedAtLogin: false, openAtLogin: false }
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    recorder.record('app.setLoginItemSettings', settings)
  }
  setAppUserModelId(id: string): void {
    recorder.record('app.setAppUserModelId', id)
  }
  focus(options?: Electron.FocusOptions): void {
    recorder.record('app.focus', options)
  }

  /** As Electron: before-quit, close every window (any may refuse), will-quit (may be held), quit, exit. */
  quit(): void {
    if (quitting) return
    quitting = true
    recorder.record('app.quit')
    const cancelled = (name: string): boolean => {
      let prevented = false
      this.emit(name, {
        preventDefault: () => {
          prevented = true
        },
      })
      return prevented
    }
    if (cancelled('before-quit')) {
      quitting = false
      return
    }
    for (const window of BrowserWindowStandIn.getAllWindows()) {
      window.close()
      if (!window.isDestroyed()) {
        recorder.record('app.quit refused by a window', window.webContents.getURL())
        quitting = false
        return
      }
    }
    if (cancelled('will-quit')) {
      recorder.record('app.will-quit held')
      quitting = false
      return
    }
    this.emit('quit', {}, 0)
    this.exit(0)
  }
  exit(code = 0): void {
    recorder.record('app.exit', code)
    exitHook(code)
  }
}

/** Replaced by the child entry: writes the record, then ends the process. */
let exitHook: (code: number) => void = (code) => process.exit(code)
export function onExit(hook: (code: number) => void): void {
  exitHook = hook
}

// ------------------------------------------------------------------------------------------ web contents

let nextId = 1
const allContents = new Set<WebContentsStandIn>()

type IpcListener = (event: unknown, ...args: unknown[]) => void

/** The page side of a window: its preload's exposed objects and its ipcRenderer listeners. */
export interface RendererWorld {
  exposed: Record<string, unknown>
  listeners: Map<string, Set<IpcListener>>
}

export class WebContentsStandIn
  extends EventEmitter
  implements Pick<Electron.WebContents, 'id' | 'getURL' | 'isDestroyed' | 'isCrashed' | 'reload'>
{
  readonly id = nextId++
  private url = ''
  private destroyed = false
  windowOpenHandler: ((details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse) | null = null
  world: RendererWorld = { exposed: {}, listeners: new Map() }
  loads = 0

  constructor(readonly preferences: Electron.WebPreferences) {
    super()
    allContents.add(this)
  }

  getURL(): string {
    return this.url
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  isCrashed(): boolean {
    return false
  }
  destroy(): void {
    this.destroyed = true
    allContents.delete(this)
  }
  setWindowOpenHandler(
    handler: (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse,
  ): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    const copies = structuredClone(args)
    for (const listener of this.world.listeners.get(channel) ?? []) listener({ sender: null }, ...copies)
  }
  reload(): void {
    recorder.record('webContents.reload', this.url)
    void this.loadURL(this.url)
  }

  /** As Chromium: the navigation guards run, the page comes through the protocol handler, the preload runs. */
  async loadURL(url: string): Promise<void> {
    let prevented = false
    this.emit('will-navigate', { preventDefault: () => (prevented = true), url }, url)
    if (prevented) throw new Error(`ERR_ABORTED (-3) loading '${url}'`)
    this.url = url
    const response = await fetchThroughProtocol(url)
    recorder.record('page.loaded', { url, status: response.status })
    if (response.status !== 200) throw new Error(`ERR_FILE_NOT_FOUND loading '${url}'`)
    this.world = { exposed: {}, listeners: new Map() }
    runPreload(this)
    this.loads += 1
    this.emit('did-finish-load')
  }
}

/** Runs the built preload the way a sandboxed renderer does: its own global scope, `require` of electron only. */
function runPreload(contents: WebContentsStandIn): void {
  const preload = contents.preferences.preload
  if (!preload) return
  const code = fs.readFileSync(preload, 'utf8')
  const world = contents.world
  const frame = () => ({ url: contents.getURL(), parent: null, processId: 1, routingId: contents.id })
  const event = () => ({ sender: contents, senderFrame: frame(), processId: 1, frameId: contents.id })
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]): Promise<unknown> => {
      const handler = ipcMainStandIn.handlers.get(channel)
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`)
      return structuredClone(await handler(event(), ...structuredClone(args)))
    },
    send: (channel: string, ...args: unknown[]): void => {
      ipcMainStandIn.emit(channel, event(), ...structuredClone(args))
    },
    on: (channel: string, listener: IpcListener) => {
      const set = world.listeners.get(channel) ?? new Set()
      set.add(listener)
      world.listeners.set(channel, set)
      return ipcRenderer
    },
    removeListener: (channel: string, listener: IpcListener) => {
      world.listeners.get(channel)?.delete(listener)
      return ipcRenderer
    },
  }
  const contextBridge = {
    exposeInMainWorld: (name: string, api: unknown) => {
      world.exposed[name] = api
    },
  }
  const sandboxRequire = (id: string): unknown => {
    if (id === 'electron') return { contextBridge, ipcRenderer }
    throw new Error(`module not found: ${id} (a sandboxed preload can only require electron)`)
  }
  const module = { exports: {} }
  const context = vm.createContext({ location: { href: contents.getURL() }, console })
  const wrapped = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, {
    filename: preload,
  }) as (require: unknown, module: unknown, exports: unknown) => void
  wrapped(sandboxRequire, module, module.exports)
}

// --------------------------------------------------------------------------------------- BrowserWindow

const windows: BrowserWindowStandIn[] = []

export class BrowserWindowStandIn
  extends EventEmitter
  implements
    Pick<
      Electron.BrowserWindow,
      | 'id'
      | 'show'
      | 'hide'
      | 'focus'
      | 'isVisible'
      | 'isMinimized'
      | 'isMaximized'
      | 'isDestroyed'
      | 'restore'
      | 'maximize'
      | 'setPosition'
      | 'getNormalBounds'
      | 'getBounds'
      | 'isAlwaysOnTop'
      | 'isFullScreen'
    >
{
  readonly id: number
  readonly webContents: WebContentsStandIn
  private visible: boolean
  private destroyed = false
  private bounds: Electron.Rectangle
  private alwaysOnTop: boolean
  readonly options: Electron.BrowserWindowConstructorOptions

  static getAllWindows(): BrowserWindowStandIn[] {
    return windows.filter((window) => !window.isDestroyed())
  }
  static fromWebContents(contents: unknown): BrowserWindowStandIn | null {
    return windows.find((window) => window.webContents === contents && !window.isDestroyed()) ?? null
  }
  static getFocusedWindow(): BrowserWindowStandIn | null {
    return null
  }

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super()
    if (!ready) throw new Error('Cannot create BrowserWindow before app is ready')
    this.options = options
    this.visible = options.show ?? true
    this.alwaysOnTop = options.alwaysOnTop ?? false
    this.bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width ?? 800,
      height: options.height ?? 600,
    }
    this.webContents = new WebContentsStandIn(options.webPreferences ?? {})
    this.id = this.webContents.id
    windows.push(this)
    const preload = options.webPreferences?.preload
    recorder.record('BrowserWindow', {
      title: options.title,
      webPreferences: options.webPreferences,
      preloadExists: preload ? fs.existsSync(preload) : false,
      iconExists: typeof options.icon === 'string' ? fs.existsSync(options.icon) : null,
    })
    // As Electron: listeners of web-contents-created run before the window's constructor returns.
    appStandIn.emit('web-contents-created', {}, this.webContents)
  }

  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url)
    this.emit('ready-to-show')
  }
  show(): void {
    recorder.record('window.show', this.webContents.getURL())
    const wasVisible = this.visible
    this.visible = true
    if (!wasVisible) this.emit('show')
  }
  hide(): void {
    this.visible = false
    this.emit('hide')
  }
  focus(): void {
    this.emit('focus')
  }
  isVisible(): boolean {
    return this.visible
  }
  isMinimized(): boolean {
    return false
  }
  isMaximized(): boolean {
    return false
  }
  isFullScreen(): boolean {
    return false
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  restore(): void {}
  maximize(): void {
    this.show()
  }
  setPosition(x: number, y: number): void {
    this.bounds = { ...this.bounds, x, y }
  }
  getSize(): number[] {
    return [this.bounds.width, this.bounds.height]
  }
  getBounds(): Electron.Rectangle {
    return { ...this.bounds }
  }
  getNormalBounds(): Electron.Rectangle {
    return { ...this.bounds }
  }
  setAlwaysOnTop(flag: boolean, level?: string): void {
    recorder.record('window.setAlwaysOnTop', { flag, level })
    this.alwaysOnTop = flag
  }
  isAlwaysOnTop(): boolean {
    return this.alwaysOnTop
  }
  setVisibleOnAllWorkspaces(visible: boolean, options?: Electron.VisibleOnAllWorkspacesOptions): void {
    recorder.record('window.setVisibleOnAllWorkspaces', { visible, options })
  }
  /** As Electron: 'close' may be prevented (hide to tray); otherwise the window and its page go. */
  close(): void {
    if (this.destroyed) return
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    if (prevented) return
    this.destroy()
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.visible = false
    this.webContents.destroy()
    this.emit('closed')
  }
}

// ----------------------------------------------------------------------------------- ipcMain, protocol

type Handler = (event: unknown, ...args: unknown[]) => unknown

class IpcMainStandIn extends EventEmitter implements Pick<Electron.IpcMain, 'removeHandler'> {
  readonly handlers = new Map<string, Handler>()
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    recorder.record('ipcMain.handle', channel)
    this.handlers.set(channel, handler)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
}
const ipcMainStandIn = new IpcMainStandIn()

const privileged = new Map<string, Electron.Privileges>()
const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>()

const protocolStandIn = {
  registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]): void {
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    recorder.record('protocol.registerSchemesAsPrivileged', schemes)
    for (const scheme of schemes) privileged.set(scheme.scheme, scheme.privileges ?? {})
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    if (!ready) throw new Error('protocol.handle must be called after app is ready')
    recorder.record('protocol.handle', scheme)
    protocolHandlers.set(scheme, handler)
  },
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>

/** A request as Chromium makes it for a page: through the handler of its scheme, which must be privileged. */
export async function fetchThroughProtocol(url: string): Promise<Response> {
  const scheme = new URL(url).protocol.replace(/:$/, '')
  const handler = protocolHandlers.get(scheme)
  if (!handler) return new Response('ERR_UNKNOWN_URL_SCHEME', { status: 599 })
  if (!privileged.get(scheme)?.standard) throw new Error(`${scheme}: is not a standard scheme`)
  return handler(new Request(url))
}

const netStandIn = {
  /** net.fetch of a file: URL, the only kind Cairn's protocol handler asks for. */
  async fetch(input: string | Request): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url
    if (!url.startsWith('file:')) throw new Error(`the harness's net.fetch serves file: URLs only (${url})`)
    const file = fileURLToPath(url)
    const body = await fs.promises.readFile(file)
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' },
    })
  },
}

// ------------------------------------------------------------------------------------------- session

const sessionStandIn = {
  defaultSession: {
    permissionRequestHandler: null as unknown,
    permissionCheckHandler: null as unknown,
    spellCheckerEnabled: true,
    setPermissionRequestHandler(handler: unknown): void {
      recorder.record('session.setPermissionRequestHandler')
      this.permissionRequestHandler = handler
    },
    setPermissionCheckHandler(handler: unknown): void {
      recorder.record('session.setPermissionCheckHandler')
      this.permissionCheckHandler = handler
    },
    setSpellCheckerEnabled(enable: boolean): void {
      recorder.record('session.setSpellCheckerEnabled', enable)
      this.spellCheckerEnabled = enable
    },
    setSpellCheckerDictionaryDownloadURL(url: string): void {
      recorder.record('session.setSpellCheckerDictionaryDownloadURL', url)
    },
  },
}

// --------------------------------------------------------------------------- tray, menus, notifications

export interface TemplateItem {
  id?: string
  label?: string
  enabled?: boolean
  click?: () => void
  submenu?: TemplateItem[]
}

class MenuStandIn {
  constructor(readonly items: TemplateItem[]) {}
  static buildFromTemplate(template: TemplateItem[]): MenuStandIn {
    return new MenuStandIn(template)
  }
  static setApplicationMenu(menu: MenuStandIn | null): void {
    applicationMenu = menu
  }
}
let applicationMenu: MenuStandIn | null = null

export const trays: TrayStandIn[] = []

export class TrayStandIn extends EventEmitter implements Pick<Electron.Tray, 'setToolTip' | 'destroy'> {
  menu: MenuStandIn | null = null
  tooltip = ''
  images: { path: string; exists: boolean }[] = []
  destroyed = false
  constructor(image: string) {
    super()
    if (!ready) throw new Error('Cannot create Tray before app is ready')
    this.setImage(image)
    trays.push(this)
    recorder.record('Tray', this.images[0])
  }
  setImage(image: string): void {
    this.images.push({ path: image, exists: fs.existsSync(image) })
  }
  setContextMenu(menu: MenuStandIn | null): void {
    this.menu = menu
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip
  }
  destroy(): void {
    this.destroyed = true
  }
}

export const notifications: { title: string; body: string }[] = []

class NotificationStandIn extends EventEmitter implements Pick<Electron.Notification, 'show'> {
  static isSupported(): boolean {
    return true
  }
  constructor(private readonly options: Electron.NotificationConstructorOptions) {
    super()
  }
  show(): void {
    notifications.push({ title: this.options.title ?? '', body: this.options.body ?? '' })
    recorder.record('Notification', { title: this.options.title })
  }
}

const shortcuts = new Map<string, () => void>()
const globalShortcutStandIn = {
  register(accelerator: string, callback: () => void): boolean {
    recorder.record('globalShortcut.register', accelerator)
    shortcuts.set(accelerator, callback)
    return true
  },
  unregister(accelerator: string): void {
    shortcuts.delete(accelerator)
  },
  unregisterAll(): void {
    shortcuts.clear()
  },
} satisfies Pick<Electron.GlobalShortcut, 'register' | 'unregister' | 'unregisterAll'>

class NativeThemeStandIn extends EventEmitter {
  shouldUseDarkColors = false
  shouldUseDarkColorsForSystemIntegratedUI = false
  themeSource: 'system' | 'light' | 'dark' = 'system'
}

// ----------------------------------------------------------------------------- screen and capture

const DISPLAY: Electron.Rectangle = { x: 0, y: 0, width: 1920, height: 1080 }
const screenStandIn = Object.assign(new EventEmitter(), {
  getCursorScreenPoint: (): Electron.Point => ({ x: 400, y: 300 }),
  getDisplayNearestPoint: () => ({ id: 1, bounds: DISPLAY, workArea: DISPLAY }),
  getPrimaryDisplay: () => ({ id: 1, bounds: DISPLAY, workArea: DISPLAY }),
  getAllDisplays: () => [{ id: 1, bounds: DISPLAY, workArea: DISPLAY }],
})

/** A real picture: a 1280x720 BGRA bitmap of coloured panels, different for each `seed`. */
export function screenBitmap(width: number, height: number, seed: number): Buffer {
  const pixels = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const panel = (Math.floor(x / 160) + Math.floor(y / 90) * 7 + seed) % 11
      const offset = (y * width + x) * 4
      pixels[offset] = (panel * 37) % 256
      pixels[offset + 1] = (panel * 91 + (x % 16) * 4) % 256
      pixels[offset + 2] = (panel * 53 + (y % 24) * 3) % 256
      pixels[offset + 3] = 255
    }
  }
  return pixels
}

class NativeImageStandIn implements Pick<Electron.NativeImage, 'isEmpty' | 'toBitmap' | 'crop'> {
  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly pixels: Buffer,
  ) {}
  isEmpty(): boolean {
    return this.width === 0
  }
  getSize(): Electron.Size {
    return { width: this.width, height: this.height }
  }
  /** Rows only, as the screen source reads a screen (a strip at a time); x and width are the whole row here. */
  crop(rect: Electron.Rectangle): Electron.NativeImage {
    const row = this.width * 4
    const rows = this.pixels.subarray(rect.y * row, (rect.y + rect.height) * row)
    return new NativeImageStandIn(this.width, rect.height, rows) as unknown as Electron.NativeImage
  }
  toBitmap(): Buffer {
    return Buffer.from(screenState.truncated ? this.pixels.subarray(0, this.pixels.length / 2) : this.pixels)
  }
}

/** `truncated` hands out bitmaps shorter than their size says, as a broken capture would. */
export const screenState = { seed: 1, captures: 0, truncated: false }
const desktopCapturerStandIn = {
  getSources(options: Electron.SourcesOptions): Promise<Electron.DesktopCapturerSource[]> {
    const size = options.thumbnailSize ?? { width: 150, height: 150 }
    if (options.types.includes('window')) {
      return Promise.resolve([
        {
          id: 'window:1',
          name: 'notes.md - Editor',
          display_id: '',
          appIcon: null,
        } as unknown as Electron.DesktopCapturerSource,
      ])
    }
    const width = Math.min(size.width, 1280)
    const height = width === 0 ? 0 : Math.round((width * DISPLAY.height) / DISPLAY.width)
    if (width > 0) screenState.captures += 1
    const thumbnail = new NativeImageStandIn(width, height, screenBitmap(width, height, screenState.seed))
    return Promise.resolve([
      {
        id: 'screen:1:0',
        name: 'Entire screen',
        display_id: '1',
        thumbnail,
        appIcon: null,
      } as unknown as Electron.DesktopCapturerSource,
    ])
  },
}

const powerMonitorStandIn = Object.assign(new EventEmitter(), {
  getSystemIdleState: (): 'active' => 'active',
  getSystemIdleTime: (): number => 0,
})

// ----------------------------------------------------------------------------- small OS services

/** macOS's Screen Recording permission as `getMediaAccessStatus('screen')` reports it; the harness may change it. */
export const mediaAccess = {
  screen: 'granted' as ReturnType<Electron.SystemPreferences['getMediaAccessStatus']>,
}
const systemPreferencesStandIn = {
  getMediaAccessStatus(
    mediaType: 'microphone' | 'camera' | 'screen',
  ): ReturnType<Electron.SystemPreferences['getMediaAccessStatus']> {
    recorder.record('systemPreferences.getMediaAccessStatus', { mediaType })
    return mediaType === 'screen' ? mediaAccess.screen : 'not-determined'
  },
} satisfies Pick<Electron.SystemPreferences, 'getMediaAccessStatus'>

let clipboardText = ''
const clipboardStandIn = {
  readText: (): Promise<string> => Promise.resolve(clipboardText),
  writeText: (text: string): Promise<void> => {
    clipboardText = text
    return Promise.resolve()
  },
} satisfies Pick<Electron.Clipboard, 'readText' | 'writeText'>

export const dialogs: { kind: string; title: string; message: string }[] = []
const dialogStandIn = {
  showErrorBox(title: string, content: string): void {
    dialogs.push({ kind: 'error', title, message: content })
    recorder.record('dialog.showErrorBox', { title, content })
  },
  showMessageBox(..._args: unknown[]): Promise<Electron.MessageBoxReturnValue> {
    const options = (_args.length > 1 ? _args[1] : _args[0]) as Electron.MessageBoxOptions
    dialogs.push({ kind: 'message', title: options.title ?? '', message: options.message })
    recorder.record('dialog.showMessageBox', { message: options.message, buttons: options.buttons })
    // The person chooses the default button.
    return Promise.resolve({ response: options.defaultId ?? 0, checkboxChecked: false })
  },
  showOpenDialog(): Promise<Electron.OpenDialogReturnValue> {
    return Promise.resolve({ canceled: true, filePaths: [] })
  },
}

export const opened: string[] = []
const shellStandIn = {
  openExternal(url: string): Promise<void> {
    opened.push(url)
    return Promise.resolve()
  },
  openPath(target: string): Promise<string> {
    opened.push(target)
    return Promise.resolve(fs.existsSync(target) ? '' : `no such folder: ${target}`)
  },
}

/** Reversible "encryption" that is visibly not the plain text, like safeStorage's output. */
const safeStorageStandIn = {
  isEncryptionAvailable: (): boolean => true,
  isAsyncEncryptionAvailable: (): Promise<boolean> => Promise.resolve(true),
  encryptStringAsync: (text: string): Promise<Buffer> =>
    Promise.resolve(Buffer.from(`enc:${[...text].reverse().join('')}`)),
  decryptStringAsync: (buffer: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> =>
    Promise.resolve({ result: [...buffer.toString().slice(4)].reverse().join(''), shouldReEncrypt: false }),
  getSelectedStorageBackend: (): 'gnome_libsecret' => 'gnome_libsecret',
}

// ------------------------------------------------------------------------------------------ the module

const appStandIn = new AppStandIn(path.resolve(__dirname, '../../..'))

/** What `require('electron')` returns inside the harness. */
export const electronStandIn = {
  app: appStandIn,
  BrowserWindow: BrowserWindowStandIn,
  Menu: MenuStandIn,
  Notification: NotificationStandIn,
  Tray: TrayStandIn,
  clipboard: clipboardStandIn,
  desktopCapturer: desktopCapturerStandIn,
  dialog: dialogStandIn,
  globalShortcut: globalShortcutStandIn,
  ipcMain: ipcMainStandIn,
  nativeTheme: new NativeThemeStandIn(),
  net: netStandIn,
  powerMonitor: powerMonitorStandIn,
  protocol: protocolStandIn,
  safeStorage: safeStorageStandIn,
  screen: screenStandIn,
  session: sessionStandIn,
  shell: shellStandIn,
  systemPreferences: systemPreferencesStandIn,
  webContents: { getAllWebContents: () => [...allContents] },
}

export const harness = {
  app: appStandIn,
  windows: () => BrowserWindowStandIn.getAllWindows(),
  allWindows: windows,
  shortcuts,
  ipcMain: ipcMainStandIn,
  session: sessionStandIn.defaultSession,
  clipboard: () => clipboardText,
  applicationMenu: () => applicationMenu,
  listenerCount: (event: string) => appStandIn.listenerCount(event),
}
