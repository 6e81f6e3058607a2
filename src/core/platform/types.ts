import type { SecretStore } from '../ai/secrets'
import type { ScreenSource } from '../capture/frame'

/** What the operating system says about the person at the computer, for pausing capture. */
export type PowerState = 'active' | 'idle' | 'locked' | 'suspended'

export interface PowerMonitor {
  /** The state now; 'idle' once nobody has typed or moved the mouse for idleThresholdSeconds. */
  state(idleThresholdSeconds: number): Promise<PowerState>
}

/**
 * What the core needs from the operating system, each an object of async methods. The core never imports
 * Electron: the app passes real capabilities (desktopCapturer, powerMonitor...), tests pass fakes, the browser
 * host passes what it has. A missing capability means "not available here" and the core says so.
 *
 * When the core runs in a worker thread, every method call crosses the thread boundary (platformBridge.ts), so
 * arguments and results must survive structured cloning (plain data, typed arrays; no functions or classes).
 */
export interface Platform {
  screen?: ScreenSource
  power?: PowerMonitor
  /** Where the AI API key is kept (Electron safeStorage in the app); the env variable when absent. */
  secrets?: SecretStore
}

export type CapabilityName = keyof Platform

/** Which capabilities exist and which methods each offers: all a worker needs to build its proxy. */
export type PlatformDescription = Partial<Record<CapabilityName, string[]>>
