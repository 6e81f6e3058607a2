import type { CairnClient } from '../../../shared/client'
import { createClient } from '../../../shared/client'
import { webSocketTransport } from './wsTransport'

export type { CairnClient } from '../../../shared/client'
export { CallError, createClient } from '../../../shared/client'

const TOKEN_KEY = 'cairn.token'

/** The token arrives in the URL fragment (never sent to a server); kept for reloads of this tab. */
function hostToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token')
  if (fromHash) {
    window.sessionStorage.setItem(TOKEN_KEY, fromHash)
    // The fragment belongs to the router from here on; the token also leaves the address bar.
    window.history.replaceState(null, '', '#/')
    return fromHash
  }
  return window.sessionStorage.getItem(TOKEN_KEY) ?? ''
}

/** window.cairn inside the desktop app, the host's WebSocket in a browser. */
export function connect(): CairnClient {
  if (window.cairn) return createClient(window.cairn)
  const url = `ws://${window.location.host}/rpc?token=${encodeURIComponent(hostToken())}`
  return createClient(webSocketTransport(url))
}
