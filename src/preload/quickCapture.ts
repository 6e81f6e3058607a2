import type { IpcRenderer } from 'electron'
import type { QuickCaptureBridge } from '../shared/quickCapture'
import {
  QUICK_CAPTURE_CLIPBOARD_CHANNEL,
  QUICK_CAPTURE_CLOSE_CHANNEL,
  QUICK_CAPTURE_PATH,
  QUICK_CAPTURE_SHOWN_CHANNEL,
} from '../shared/quickCapture'

/** Only the quick capture page gets the clipboard and closing itself (the main process checks again). */
export function isQuickCapturePage(href: string | undefined): boolean {
  if (!href) return false
  try {
    const url = new URL(href)
    return url.protocol === 'cairn:' && url.host === 'app' && url.pathname === QUICK_CAPTURE_PATH
  } catch {
    return false
  }
}

export function createQuickCaptureBridge(
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): QuickCaptureBridge {
  return {
    readClipboard: async () => {
      const text: unknown = await ipcRenderer.invoke(QUICK_CAPTURE_CLIPBOARD_CHANNEL)
      return typeof text === 'string' ? text : ''
    },
    close: async () => {
      await ipcRenderer.invoke(QUICK_CAPTURE_CLOSE_CHANNEL)
    },
    onShown(listener) {
      const forward = (): void => listener()
      ipcRenderer.on(QUICK_CAPTURE_SHOWN_CHANNEL, forward)
      return () => {
        ipcRenderer.removeListener(QUICK_CAPTURE_SHOWN_CHANNEL, forward)
      }
    },
  }
}
