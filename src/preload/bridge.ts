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
      const chosen: unknown = await ipcRenderer.invoke(IPC_PICK_FOLDER_CHANNEL, purpose)
      return typeof chosen === 'string' ? chosen : null
    },
  }
}
