import { useSyncExternalStore } from 'react'

/**
 * How the window reaches the core: 'open' when calls go through; 'lost' when the host's socket dropped and
 * is being reopened; 'refused' when it was never opened (a wrong or stale access token, or no host). The
 * desktop app's IPC is always 'open'.
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'refused'

let state: ConnectionState = 'connecting'
const listeners = new Set<() => void>()

export function setConnectionState(next: ConnectionState): void {
  if (next === state) return
  state = next
  for (const listener of listeners) listener()
}

export function connectionState(): ConnectionState {
  return state
}

export function onConnectionChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(onConnectionChange, connectionState)
}
