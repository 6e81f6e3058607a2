import type { IpcMainInvokeEvent, Point, Rectangle } from 'electron'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import i18next from 'i18next'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { CATALOGUES } from '../../src/shared/i18n'
import type { CoreConnection } from '../../src/core/runtime/connection'
import { connectInProcess } from '../../src/core/runtime/connection'
import { createCore } from '../../src/core/runtime/createCore'
import { bindIpc } from '../../src/main/electron/ipc'
import { createBridge } from '../../src/preload/bridge'
import type { QuickCaptureWindow } from '../../src/main/electron/quickCapture'
import {
  bindQuickCaptureIpc,
  createQuickCapture,
  isQuickCaptureSender,
  quickCapturePosition,
} from '../../src/main/electron/quickCapture'
import { captureRequest, noteTitle, saveCapture } from '../../src/renderer/quick-capture/capture'
import type { CairnBridge } from '../../src/shared/bridge'
import {
  QUICK_CAPTURE_CLIPBOARD_CHANNEL,
  QUICK_CAPTURE_CLOSE_CHANNEL,
  QUICK_CAPTURE_SHOWN_CHANNEL,
} from '../../src/shared/quickCapture'
import { FakeIpcMain, topFrame } from '../support/fakeIpcMain'

const QUICK_CAPTURE_URL = 'cairn://app/quick-capture.html'

// The page initialises i18next itself (quick-capture/localize.ts); here it is English unless a test says so.
beforeAll(async () => {
  await i18next.init({
    resources: { en: { translation: CATALOGUES.en }, 'zh-CN': { translation: CATALOGUES['zh-CN'] } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  })
})

describe('quick capture saves through the contract', () => {
  const dirs: string[] = []
  let core: CoreConnection | null = null

  afterEach(async () => {
    await core?.close()
    core = null
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  function startCore(): CoreConnection {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-quick-'))
    dirs.push(dataDir)
    core = connectInProcess(createCore({ dataDir, validateOutput: true }))
    return core
  }

  /** window.cairn.call as the quick capture page sees it: the preload's bridge over the IPC binding, from its frame. */
  function pageBridge(connection: CoreConnection): CairnBridge['call'] {
    const ipc = new FakeIpcMain()
    bindIpc(ipc, connection, () => [])
    // Events are not used here; only invoke reaches the fake main process.
    const unused = (): never => {
      throw new Error('not used by calls')
    }
    return createBridge({
      invoke: (channel: string, ...args: unknown[]) =>
        ipc.invokeFrom(topFrame(QUICK_CAPTURE_URL), channel, ...args),
      on: unused,
      removeListener: unused,
      send: unused,
    }).call
  }

  it('saves a todo', async () => {
    const connection = startCore()
    const outcome = await saveCapture(pageBridge(connection), 'todo', '  Call the plumber about the leak \n')
    expect(outcome).toMatchObject({ ok: true, message: 'Todo saved.' })
    const list = await connection.call('todos.list', {})
    expect(list).toMatchObject({
      ok: true,
      result: { total: 1, items: [{ content: 'Call the plumber about the leak', status: 'open' }] },
    })
    expect(outcome.ok && outcome.id).toBe(
      (list as { result: { items: { id: number }[] } }).result.items[0]?.id,
    )
  })

  it('says it in the page’s language', async () => {
    const connection = startCore()
    await i18next.changeLanguage('zh-CN')
    try {
      expect(await saveCapture(pageBridge(connection), 'todo', '给水管工打电话')).toMatchObject({
        ok: true,
        message: '待办已保存。',
      })
    } finally {
      await i18next.changeLanguage('en')
    }
  })

  it('saves a note, titled by its first line', async () => {
    const connection = startCore()
    const text = 'Standup notes\nShip the tray menu today.\nAsk about notarization.'
    const outcome = await saveCapture(pageBridge(connection), 'note', text)
    expect(outcome).toMatchObject({ ok: true, message: 'Note saved.' })
    if (!outcome.ok) throw new Error(outcome.message)
    const note = await connection.call('vaults.get', { id: outcome.id })
    expect(note).toMatchObject({
      ok: true,
      result: { title: 'Standup notes', content: text, documentType: 'note', isFolder: false },
    })
    expect(await connection.call('todos.list', {})).toMatchObject({ result: { total: 0 } })
  })

  it('saves nothing for empty text and reports what the core refuses', async () => {
    const connection = startCore()
    expect(await saveCapture(pageBridge(connection), 'todo', '   \n ')).toEqual({
      ok: false,
      message: 'Type something first.',
    })
    const refusing: CairnBridge['call'] = () =>
      Promise.resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'Cairn is shutting down.' } })
    expect(await saveCapture(refusing, 'note', 'x')).toEqual({
      ok: false,
      message: 'Cairn is not reachable right now: Cairn is shutting down.',
    })
    expect(await connection.call('todos.list', {})).toMatchObject({ result: { total: 0 } })
    expect(await connection.call('vaults.list', {})).toMatchObject({ result: { total: 0 } })
  })

  it('turns text into the right call: long todos are refused, long first lines are shortened', () => {
    expect(captureRequest('todo', 'x'.repeat(10_001))).toMatchObject({
      error: expect.stringContaining('note'),
    })
    const long = `${'word '.repeat(40)}end`
    expect(noteTitle(long).length).toBeLessThanOrEqual(121)
    expect(noteTitle(long).endsWith('…')).toBe(true)
    expect(noteTitle('\n\n  second line is the title  \nbody')).toBe('second line is the title')
    expect(captureRequest('note', 'a\nb')).toEqual({
      method: 'vaults.create',
      params: { title: 'a', content: 'a\nb' },
    })
  })
})

/** Stands in for the hidden quick capture BrowserWindow. */
class FakeWindow implements QuickCaptureWindow {
  visible = false
  destroyed = false
  position: [number, number] = [0, 0]
  loaded: string[] = []
  sent: string[] = []
  focused = 0
  calls: string[] = []
  blur: (() => void) | null = null
  webContents = { send: (channel: string) => void this.sent.push(channel) }
  show(): void {
    this.visible = true
    this.calls.push('show')
  }
  setAlwaysOnTop(flag: boolean, level?: string): void {
    this.calls.push(`alwaysOnTop ${String(flag)} ${level ?? ''}`)
  }
  setVisibleOnAllWorkspaces(visible: boolean, options?: { visibleOnFullScreen?: boolean }): void {
    this.calls.push(`allWorkspaces ${String(visible)} fullScreen ${String(options?.visibleOnFullScreen)}`)
  }
  hide(): void {
    this.visible = false
  }
  focus(): void {
    this.focused++
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  isVisible(): boolean {
    return this.visible
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y]
  }
  getSize(): number[] {
    return [560, 200]
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url)
    return Promise.resolve()
  }
  on(_event: 'blur', listener: () => void): this {
    this.blur = listener
    return this
  }
}

describe('the quick capture window', () => {
  const displays: Record<string, Rectangle> = {
    left: { x: -1920, y: 0, width: 1920, height: 1080 },
    main: { x: 0, y: 0, width: 2560, height: 1400 },
  }
  function start(platform: NodeJS.Platform = 'linux') {
    const windows: FakeWindow[] = []
    const appFocus: string[] = []
    let cursor: Point = { x: 100, y: 100 }
    const quickCapture = createQuickCapture({
      platform,
      focusApp: () => appFocus.push(`steal, ${windows.at(-1)?.visible ? 'shown' : 'hidden'}`),
      createWindow: () => {
        const window = new FakeWindow()
        windows.push(window)
        return window
      },
      screen: {
        getCursorScreenPoint: () => cursor,
        getDisplayNearestPoint: (point: Point) => ({
          workArea: point.x < 0 ? (displays.left as Rectangle) : (displays.main as Rectangle),
        }),
      },
    })
    return { quickCapture, windows, appFocus, moveCursor: (point: Point) => (cursor = point) }
  }

  it('on macOS comes in front of a full-screen app: every Space, above it, taking the focus first', () => {
    const { quickCapture, windows, appFocus } = start('darwin')
    quickCapture.prepare()
    expect(windows[0]?.calls).toEqual(['alwaysOnTop true screen-saver', 'allWorkspaces true fullScreen true'])
    quickCapture.show()
    expect(appFocus).toEqual(['steal, hidden'])
    expect(windows[0]?.calls.at(-1)).toBe('show')
    const other = start('linux')
    other.quickCapture.show()
    expect(other.appFocus).toEqual([])
    expect(other.windows[0]?.calls).toEqual(['show'])
  })

  it('is created hidden ahead of time with its page loaded, so showing it creates nothing', () => {
    const { quickCapture, windows } = start()
    quickCapture.prepare()
    expect(windows).toHaveLength(1)
    expect(windows[0]?.visible).toBe(false)
    expect(windows[0]?.loaded).toEqual([QUICK_CAPTURE_URL])
    quickCapture.show()
    expect(windows).toHaveLength(1)
    expect(windows[0]).toMatchObject({ visible: true, focused: 1, sent: [QUICK_CAPTURE_SHOWN_CHANNEL] })
  })

  it('opens on the display the pointer is on, centred a third of the way down', () => {
    const { quickCapture, windows, moveCursor } = start()
    quickCapture.show()
    expect(windows[0]?.position).toEqual([1000, 400])
    quickCapture.hide()
    moveCursor({ x: -500, y: 300 })
    quickCapture.show()
    expect(quickCapturePosition(displays.left as Rectangle, [560, 200])).toEqual({ x: -1240, y: 293 })
    expect(windows[0]?.position).toEqual([-1240, 293])
  })

  it('hides on blur and on toggle, and is created again if it was destroyed', () => {
    const { quickCapture, windows } = start()
    quickCapture.show()
    windows[0]?.blur?.()
    expect(windows[0]?.visible).toBe(false)
    quickCapture.toggle()
    expect(windows[0]?.visible).toBe(true)
    quickCapture.toggle()
    expect(windows[0]?.visible).toBe(false)
    if (windows[0]) windows[0].destroyed = true
    quickCapture.show()
    expect(windows).toHaveLength(2)
    expect(windows[1]?.visible).toBe(true)
  })
})

describe('the quick capture IPC', () => {
  it('trusts only the quick capture page of our own app', () => {
    const event = (url: string, parent: unknown = null) =>
      ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent
    expect(isQuickCaptureSender(event(QUICK_CAPTURE_URL))).toBe(true)
    expect(isQuickCaptureSender(event('cairn://app/index.html'))).toBe(false)
    expect(isQuickCaptureSender(event(QUICK_CAPTURE_URL, {}))).toBe(false)
    expect(isQuickCaptureSender(event('https://evil.example/quick-capture.html'))).toBe(false)
  })

  it('reads the clipboard and hides the window only for the quick capture page', async () => {
    const ipc = new FakeIpcMain()
    const hide = vi.fn()
    const unbind = bindQuickCaptureIpc(ipc, { readClipboardText: () => Promise.resolve('copied text'), hide })
    expect(await ipc.invokeFrom(topFrame(QUICK_CAPTURE_URL), QUICK_CAPTURE_CLIPBOARD_CHANNEL)).toBe(
      'copied text',
    )
    expect(await ipc.invokeFrom(topFrame('cairn://app/index.html'), QUICK_CAPTURE_CLIPBOARD_CHANNEL)).toBe('')
    expect(await ipc.invokeFrom(topFrame('https://evil.example/'), QUICK_CAPTURE_CLIPBOARD_CHANNEL)).toBe('')
    await ipc.invokeFrom(topFrame('https://evil.example/'), QUICK_CAPTURE_CLOSE_CHANNEL)
    expect(hide).not.toHaveBeenCalled()
    await ipc.invokeFrom(topFrame(QUICK_CAPTURE_URL), QUICK_CAPTURE_CLOSE_CHANNEL)
    expect(hide).toHaveBeenCalledTimes(1)
    unbind()
    expect(ipc.handlers.size).toBe(0)
  })
})
