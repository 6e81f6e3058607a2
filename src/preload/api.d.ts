import type { CairnBridge } from '../shared/bridge'

declare global {
  interface Window {
    /** Present inside the desktop app; absent in a browser, where the client uses the WebSocket. */
    cairn?: CairnBridge
  }
}

export {}
