import type { CallResponse } from './contract/errors'

/** An event as it reaches a client: its name and payload (see contract/events.ts for each payload). */
export interface BridgeEvent {
  name: string
  data: unknown
}

/** What the preload exposes as `window.cairn`: contract calls and core events, nothing else. */
export interface CairnBridge {
  call(method: string, params: unknown): Promise<CallResponse>
  onEvent(listener: (event: BridgeEvent) => void): () => void
}

export const IPC_CALL_CHANNEL = 'cairn:call'
export const IPC_EVENT_CHANNEL = 'cairn:event'
export const APP_PROTOCOL = 'cairn'
export const APP_ORIGIN = `${APP_PROTOCOL}://app`
