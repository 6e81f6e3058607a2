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
   * Opens the OS folder dialog over the calling window; resolves to the chosen absolute path, or null when
   * the person cancels. Optional because only the desktop app has it (a stand-in bridge may not).
   */
  pickFolder?(purpose: FolderPurpose): Promise<string | null>
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
