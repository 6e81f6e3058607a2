import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { APP_PROTOCOL, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/bridge'
import type { CallResponse } from '../../shared/contract/errors'
import type { CoreConnection } from '../../core/runtime/connection'
import type { FolderGrants } from './folderGrants'
import { FOLDER_METHODS } from './folderGrants'

/** Accept calls only from the top-level frame of a page we served ourselves (never an iframe or other origin). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  try {
    // URL.origin is "null" for custom schemes, so compare scheme and host themselves.
    const url = new URL(frame.url)
    return url.protocol === `${APP_PROTOCOL}:` && url.host === 'app'
  } catch {
    return false
  }
}

const REFUSED: CallResponse = {
  ok: false,
  error: { code: 'FAILED_PRECONDITION', message: 'Calls are only accepted from the Cairn window itself.' },
}

const NOT_CHOSEN: CallResponse = {
  ok: false,
  error: {
    code: 'FAILED_PRECONDITION',
    message: 'In the desktop app a folder for an export or import is chosen with “Choose…”; choose it again.',
  },
}

/**
 * A call naming a folder passes only with a handle from the folder dialog, for that purpose, used once: the
 * params go on with the chosen path in the handle's place. Null when the call names no such handle.
 */
function withGrantedFolder(grants: FolderGrants, method: string, params: unknown): unknown {
  const purpose = FOLDER_METHODS[method]
  if (purpose === undefined) return params
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return null
  const { dir } = params as { dir?: unknown }
  const path = typeof dir === 'string' ? grants.take(purpose, dir) : null
  return path === null ? null : { ...params, dir: path }
}

/**
 * Binds the contract to ipcMain and pushes core events to every window; returns an unbinding function. With
 * `grants`, exports and imports take only a folder the person chose in the OS dialog.
 */
export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: CoreConnection,
  windows: () => WebContents[],
  grants?: FolderGrants,
): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, params: unknown) => {
    if (!isTrustedSender(event)) return REFUSED
    if (typeof method !== 'string') {
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'The method name must be a string.', issues: [] },
      }
    }
    const forwarded = grants ? withGrantedFolder(grants, method, params) : params
    if (forwarded === null) return NOT_CHOSEN
    // The result stays JSON text here (the worker wrote it): the main process never turns a large answer into
    // objects; the preload parses it in the renderer.
    return core.callSerialized(method, forwarded)
  })
  const unsubscribe = core.onEvent((event) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event)
  })
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL)
    unsubscribe()
  }
}
