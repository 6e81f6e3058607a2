import type { RecordedStep } from './electronStandIn'

/** What the test asks the harness's child process to do. */
export type HarnessCommand =
  | { type: 'fireReady' }
  | { type: 'state' }
  | { type: 'fetch'; url: string }
  | { type: 'bridge'; page: string; fn: string; args: unknown[] }
  | { type: 'clickTray'; id: string }
  | { type: 'shortcut'; accelerator: string }
  | { type: 'crashPage'; page: string }
  | { type: 'screen'; truncated: boolean }
  | { type: 'screenAccess'; status: 'granted' | 'denied' | 'restricted' | 'not-determined' }
  | { type: 'quit' }

export type HarnessReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }

export interface HarnessState {
  steps: RecordedStep[]
  problems: string[]
  windows: {
    url: string
    visible: boolean
    destroyed: boolean
    alwaysOnTop: boolean
    loads: number
    exposed: string[]
    guarded: {
      willNavigate: number
      willRedirect: number
      willAttachWebview: number
      windowOpenHandler: boolean
    }
  }[]
  trays: {
    images: { path: string; exists: boolean }[]
    tooltip: string
    destroyed: boolean
    items: { id: string; label: string; enabled: boolean }[]
  }[]
  shortcuts: string[]
  notifications: { title: string; body: string }[]
  dialogs: { kind: string; title: string; message: string }[]
  opened: string[]
  clipboard: string
  spellCheckerEnabled: boolean
  screenCaptures: number
}
