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

/**
 * A folder chosen in the desktop app's OS dialog: `path` to show the person, `handle` to send as the `dir` of
 * the one export or import it was chosen for. The main process accepts only the handle and puts the path in
 * its place, so a page cannot name a folder of its own choosing.
 */
export interface PickedFolder {
  handle: string
  path: string
}

/** The shape of a folder handle (the main process makes them; anything else is not one). */
export const FOLDER_HANDLE_PATTERN = /^cairn-folder:[0-9a-f-]{36}$/

export function isPickedFolder(value: unknown): value is PickedFolder {
  if (typeof value !== 'object' || value === null) return false
  const { handle, path } = value as Record<string, unknown>
  return typeof handle === 'string' && FOLDER_HANDLE_PATTERN.test(handle) && typeof path === 'string'
}

/** What Settings → Desktop app asks the desktop shell to do (each answers true when it was done). */
export type DesktopAction = 'openLogsFolder' | 'copyDiagnostics'

export const DESKTOP_ACTIONS: readonly DesktopAction[] = ['openLogsFolder', 'copyDiagnostics']

export function isDesktopAction(value: unknown): value is DesktopAction {
  return typeof value === 'string' && (DESKTOP_ACTIONS as readonly string[]).includes(value)
}

export type RendererLogLevel = 'error' | 'warn' | 'info'

/** A renderer's log line is cut to this before it crosses to the main process. */
export const MAX_RENDERER_LOG_TEXT = 4000

/** What the preload exposes as `window.cairn`: contract calls, core events and the OS folder dialog. */
export interface CairnBridge {
  call(method: string, params: unknown): Promise<CallResponse>
  onEvent(listener: (event: BridgeEvent) => void): () => void
  /**
   * Opens the OS folder dialog over the calling window; resolves to the chosen folder (its path to show and a
   * one-time handle to send), or null when the person cancels. Optional because only the desktop app has it.
   */
  pickFolder?(purpose: FolderPurpose): Promise<PickedFolder | null>
  /** Opens the logs folder or copies diagnostics to the clipboard (desktop app only). */
  desktop?(action: DesktopAction): Promise<boolean>
  /** Writes a line to the app's log file (desktop app only): the page's uncaught errors. */
  log?(level: RendererLogLevel, message: string): void
}

export const IPC_CALL_CHANNEL = 'cairn:call'
export const IPC_EVENT_CHANNEL = 'cairn:event'
export const IPC_PICK_FOLDER_CHANNEL = 'cairn:pick-folder'
export const IPC_DESKTOP_CHANNEL = 'cairn:desktop'
export const IPC_LOG_CHANNEL = 'cairn:log'
export const APP_PROTOCOL = 'cairn'
export const APP_ORIGIN = `${APP_PROTOCOL}://app`
