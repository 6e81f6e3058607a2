import type { CairnBridge } from '../../../shared/bridge'

/** The renderer does not know whether it talks to Electron's preload or to the headless host. */
export type Transport = CairnBridge
