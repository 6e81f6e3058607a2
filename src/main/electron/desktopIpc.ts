import type { IpcMain, IpcMainEvent } from 'electron'
import type { DesktopAction } from '../../shared/bridge'
import {
  IPC_DESKTOP_CHANNEL,
  IPC_LOG_CHANNEL,
  MAX_RENDERER_LOG_TEXT,
  isDesktopAction,
} from '../../shared/bridge'
import { isTrustedSender } from './ipc'
import type { AppLog } from './logging'
import { isLogLevel } from './logging'

export interface DesktopIpcDeps {
  actions: Record<DesktopAction, () => Promise<boolean>>
  log: Pick<AppLog, 'write'>
}

/**
 * Settings → Desktop app's two buttons (open the logs folder, copy diagnostics) and the renderer's log lines.
 * Only our own top-level pages may use them; an action is one of two known words, a log line is capped text.
 */
export function bindDesktopIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>,
  deps: DesktopIpcDeps,
): () => void {
  ipcMain.handle(IPC_DESKTOP_CHANNEL, async (event, action: unknown) => {
    if (!isTrustedSender(event) || !isDesktopAction(action)) return false
    return deps.actions[action]()
  })
  const onLog = (event: IpcMainEvent, level: unknown, message: unknown): void => {
    if (!isTrustedSender(event) || !isLogLevel(level) || typeof message !== 'string') return
    deps.log.write(level, 'renderer', message.slice(0, MAX_RENDERER_LOG_TEXT))
  }
  ipcMain.on(IPC_LOG_CHANNEL, onLog)
  return () => {
    ipcMain.removeHandler(IPC_DESKTOP_CHANNEL)
    ipcMain.removeListener(IPC_LOG_CHANNEL, onLog)
  }
}
