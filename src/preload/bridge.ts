import type { IpcRenderer, IpcRendererEvent } from 'electron'
import type { BridgeEvent, CairnBridge } from '../shared/bridge'
import {
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_PICK_FOLDER_CHANNEL,
  isFolderPurpose,
} from '../shared/bridge'
import { METHOD_NAMES } from '../shared/contract/methodNames'

const allowedMethods = new Set<string>(METHOD_NAMES)

/**
 * Only contract calls by name and a folder dialog's purpose cross the bridge: no ipcRenderer, no Node, no
 * process.env reach the page.
 */
export function createBridge(
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): Required<CairnBridge> {
  return {
    call(method, params) {
      if (typeof method !== 'string' || !allowedMethods.has(method)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${String(method)}.` },
        })
      }
      return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, params) as ReturnType<CairnBridge['call']>
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
      return typeof chosen === 'string' ? chosen : null
    },
  }
}
