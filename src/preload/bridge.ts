import type { IpcRenderer, IpcRendererEvent } from 'electron'
import type { BridgeEvent, CairnBridge } from '../shared/bridge'
import {
  IPC_CALL_CHANNEL,
  IPC_DESKTOP_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_LOG_CHANNEL,
  IPC_PICK_FOLDER_CHANNEL,
  MAX_RENDERER_LOG_TEXT,
  isDesktopAction,
  isFolderPurpose,
  isPickedFolder,
} from '../shared/bridge'
import { METHOD_NAMES } from './methodNames'

const allowedMethods = new Set<string>(METHOD_NAMES)

type CallAnswer = Awaited<ReturnType<CairnBridge['call']>>

/**
 * The main process passes a result on as the JSON text the core's worker wrote (src/main/electron/ipc.ts), so
 * it is parsed here, in the renderer, and the main process never holds a large answer as objects.
 */
function fromMainProcess(answer: unknown): CallAnswer {
  if (typeof answer === 'object' && answer !== null && 'resultJson' in answer) {
    const { resultJson } = answer as { resultJson: unknown }
    if (typeof resultJson === 'string') return { ok: true, result: JSON.parse(resultJson) as unknown }
  }
  return answer as CallAnswer
}

/**
 * Only contract calls by name and a folder dialog's purpose cross the bridge: no ipcRenderer, no Node, no
 * process.env reach the page.
 */
export function createBridge(
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send'>,
): Required<CairnBridge> {
  return {
    call(method, params) {
      if (typeof method !== 'string' || !allowedMethods.has(method)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${String(method)}.` },
        })
      }
      return ipcRenderer
        .invoke(IPC_CALL_CHANNEL, method, params)
        .then((answer: unknown) => fromMainProcess(answer))
    },
    onEvent(listener) {
      const forward = (_event: IpcRendererEvent, payload: BridgeEvent): void => listener(payload)
      ipcRenderer.on(IPC_EVENT_CHANNEL, forward)
      return () => {
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward)
      }
    },
    async pickFolder(purpose) {
      // Checked here too, so a page cannot use the channel to send anything but one of the known words.
      if (!isFolderPurpose(purpose)) throw new Error(`Unknown folder purpose ${String(purpose)}.`)
      let chosen: unknown
      try {
        chosen = await ipcRenderer.invoke(IPC_PICK_FOLDER_CHANNEL, purpose)
      } catch (error) {
        // Electron wraps a handler's error as "Error invoking remote method '…': AppError: <message>".
        const message = error instanceof Error ? error.message : String(error)
        throw new Error(message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, ''), {
          cause: error,
        })
      }
      return isPickedFolder(chosen) ? { handle: chosen.handle, path: chosen.path } : null
    },
    async desktop(action) {
      if (!isDesktopAction(action)) throw new Error(`Unknown desktop action ${String(action)}.`)
      return (await ipcRenderer.invoke(IPC_DESKTOP_CHANNEL, action)) === true
    },
    log(level, message) {
      if (level !== 'error' && level !== 'warn' && level !== 'info') return
      ipcRenderer.send(IPC_LOG_CHANNEL, level, String(message).slice(0, MAX_RENDERER_LOG_TEXT))
    },
  }
}
