import type { CairnBridge } from '../shared/bridge'
import type { QuickCaptureBridge } from '../shared/quickCapture'

declare global {
  interface Window {
    /** Present inside the desktop app; absent in a browser, where the client uses the WebSocket. */
    cairn?: CairnBridge
    /** Present only in the quick capture window (its own preload). */
    cairnQuickCapture?: QuickCaptureBridge
  }
}

export {}
