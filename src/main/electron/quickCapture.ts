import type {
  BrowserWindow,
  IpcMain,
  IpcMainInvokeEvent,
  Point,
  Rectangle,
  Screen,
  WebContents,
} from 'electron'
import {
  QUICK_CAPTURE_CLIPBOARD_CHANNEL,
  QUICK_CAPTURE_CLOSE_CHANNEL,
  QUICK_CAPTURE_PATH,
  QUICK_CAPTURE_SHOWN_CHANNEL,
} from '../../shared/quickCapture'
import { isTrustedSender } from './ipc'
import { WINDOW_URLS } from './windows'

export type QuickCaptureWindow = Pick<
  BrowserWindow,
  | 'show'
  | 'hide'
  | 'focus'
  | 'isDestroyed'
  | 'isVisible'
  | 'setPosition'
  | 'getSize'
  | 'loadURL'
  | 'setAlwaysOnTop'
  | 'setVisibleOnAllWorkspaces'
> & {
  webContents: Pick<WebContents, 'send'>
  on(event: 'blur', listener: () => void): unknown
}
const _browserWindowIsQuickCaptureWindow = (window: BrowserWindow): QuickCaptureWindow => window
void _browserWindowIsQuickCaptureWindow

export type ScreenLike = Pick<Screen, 'getCursorScreenPoint'> & {
  getDisplayNearestPoint(point: Point): { workArea: Rectangle }
}

/** Centred horizontally, a third of the way down the work area of the display the pointer is on. */
export function quickCapturePosition(workArea: Rectangle, size: [number, number]): { x: number; y: number } {
  const [width, height] = size
  return {
    x: Math.round(workArea.x + (workArea.width - width) / 2),
    y: Math.round(workArea.y + Math.max(0, (workArea.height - height) / 3)),
  }
}

/**
 * The quick capture window is created hidden when the app starts, so the shortcut only positions and shows
 * it (well under 150 ms; creating a window and loading the page would take longer). It hides when it loses
 * focus, on Esc and after a save; if it was destroyed it is created again on the next show.
 */
export interface QuickCaptureDeps {
  createWindow: () => QuickCaptureWindow
  screen: ScreenLike
  platform?: NodeJS.Platform
  /** app.focus({ steal: true }) on macOS: the shortcut fires while another app is in front. */
  focusApp?: () => void
}

export function createQuickCapture(deps: QuickCaptureDeps) {
  const mac = deps.platform === 'darwin'
  let window: QuickCaptureWindow | null = null

  const ensure = (): QuickCaptureWindow => {
    if (window && !window.isDestroyed()) return window
    const created = deps.createWindow()
    if (mac) {
      // Over a full-screen app too, on whichever Space is showing. Both must be set before the window is first
      // shown (macOS ignores a later change); skipTransformProcessType keeps Cairn's Dock icon.
      created.setAlwaysOnTop(true, 'screen-saver')
      created.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true })
    }
    created.on('blur', () => {
      if (!created.isDestroyed()) created.hide()
    })
    void created.loadURL(WINDOW_URLS.quickCapture)
    window = created
    return created
  }

  const hide = (): void => {
    if (window && !window.isDestroyed() && window.isVisible()) window.hide()
  }

  const show = (): void => {
    const target = ensure()
    const display = deps.screen.getDisplayNearestPoint(deps.screen.getCursorScreenPoint())
    const size = target.getSize() as [number, number]
    const { x, y } = quickCapturePosition(display.workArea, size)
    target.setPosition(x, y)
    // Without stealing focus, macOS leaves the other app in front and the window would get no keys.
    if (mac) deps.focusApp?.()
    target.show()
    target.focus()
    target.webContents.send(QUICK_CAPTURE_SHOWN_CHANNEL)
  }

  return {
    /** Creates the hidden window ahead of time. */
    prepare: (): void => void ensure(),
    show,
    hide,
    toggle(): void {
      if (window && !window.isDestroyed() && window.isVisible()) hide()
      else show()
    },
    get window(): QuickCaptureWindow | null {
      return window
    },
  }
}

export type QuickCapture = ReturnType<typeof createQuickCapture>

/** A call from the quick capture page itself: our top-level frame at /quick-capture.html. */
export function isQuickCaptureSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  if (!isTrustedSender(event)) return false
  try {
    return new URL(event.senderFrame?.url ?? '').pathname === QUICK_CAPTURE_PATH
  } catch {
    return false
  }
}

/** Clipboard text beyond this is cut: quick capture is for short notes. */
export const MAX_CLIPBOARD_TEXT = 100_000

/** The quick capture page's two extra powers: read the clipboard's text and hide its window. */
export function bindQuickCaptureIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  deps: { readClipboardText: () => Promise<string>; hide: () => void },
): () => void {
  ipcMain.handle(QUICK_CAPTURE_CLIPBOARD_CHANNEL, async (event) => {
    if (!isQuickCaptureSender(event)) return ''
    return (await deps.readClipboardText()).slice(0, MAX_CLIPBOARD_TEXT)
  })
  ipcMain.handle(QUICK_CAPTURE_CLOSE_CHANNEL, (event) => {
    if (isQuickCaptureSender(event)) deps.hide()
  })
  return () => {
    ipcMain.removeHandler(QUICK_CAPTURE_CLIPBOARD_CHANNEL)
    ipcMain.removeHandler(QUICK_CAPTURE_CLOSE_CHANNEL)
  }
}
