import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './bridge'
import { createQuickCaptureBridge, isQuickCapturePage } from './quickCapture'

// One preload for every window: a sandboxed preload cannot load shared chunks, so it stays a single file.
contextBridge.exposeInMainWorld('cairn', createBridge(ipcRenderer))
if (isQuickCapturePage((globalThis as { location?: { href?: string } }).location?.href)) {
  contextBridge.exposeInMainWorld('cairnQuickCapture', createQuickCaptureBridge(ipcRenderer))
}
