import type { CallResponse } from './contract/errors'

/** An event as it reaches a client: its name and payload (see contract/events.ts for each payload). */
export interface BridgeEvent {
  name: string
  data: unknown
}

/** Why a folder is being chosen: it sets the dialog's title, button and whether it may create a folder. */
export type FolderPurpose = 'export' | 'import'

export const FOLDER_PURPOSES: readonly FolderPurpose[] = ['export', 'import']

export function isFolderPurpose(value: unknown): value is FolderPurpose {
  return typeof value === 'string' && (FOLDER_PURPOSES as readonly string[]).includes(value)
}

/** What the preload exposes as `window.cairn`: contract calls, core events and the OS folder dialog. */
export interface CairnBridge {
  call(method: string, params: unknown): Promise<CallResponse>
  onEvent(listener: (event: BridgeEvent) => void): () => void
  /**
   * Opens the OS folder dialog over the calling window; resolves to the chosen absolute path, or null when
   * the person cancels. Optional because only the desktop app has it (a stand-in bridge may not).
   */
  pickFolder?(purpose: FolderPurpose): Promise<string | null>
}

export const IPC_CALL_CHANNEL = 'cairn:call'
export const IPC_EVENT_CHANNEL = 'cairn:event'
export const IPC_PICK_FOLDER_CHANNEL = 'cairn:pick-folder'
export const APP_PROTOCOL = 'cairn'
export const APP_ORIGIN = `${APP_PROTOCOL}://app`
