import type { IpcRenderer, IpcRendererEvent } from 'electron'
import type { BridgeEvent, CairnBridge } from '../shared/bridge'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/bridge'
import { METHOD_NAMES } from '../shared/contract/methodNames'

const allowedMethods = new Set<string>(METHOD_NAMES)

/** Only contract calls by name cross the bridge: no ipcRenderer, no Node, no process.env reach the page. */
export function createBridge(
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): CairnBridge {
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
  }
}
