import { createClient } from '../../shared/client'
import type { Transport } from '../../shared/client'
import type { CaptureStatus } from '../../shared/contract/domains/capture'
import type { Language } from '../../shared/i18n'
import type { ShellState } from './menu'
import { shellText } from './shellText'

/** How often the shell asks, besides the events: a capture that stopped ticking sends no event to say so. */
export const STATUS_POLL_MS = 30_000

export interface StatusTimers {
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

/** What the tray and menus show of a capture status. */
export function shellCaptureState(status: CaptureStatus): Partial<ShellState> {
  return {
    captureAvailable: status.available,
    captureEnabled: status.enabled,
    capturePaused: status.paused,
    captureWarning: status.state === 'stale' ? status.reason : null,
  }
}

/**
 * Tells the person once when capture stalls (and not again until it has recovered), since a stalled capture
 * is exactly what they would not notice. Returns the notice to show, or null.
 */
export function stallNotices(
  language: () => Language = () => 'en',
): (status: CaptureStatus) => { title: string; body: string } | null {
  let stalled = false
  return (status) => {
    const now = status.state === 'stale'
    const notice =
      now && !stalled ? { title: shellText(language())('shell.stallTitle'), body: status.reason } : null
    stalled = now
    return notice
  }
}

/** Calls `apply` with the capture status now, on every capture.status event, and every STATUS_POLL_MS. */
export function watchCaptureStatus(
  core: Transport,
  apply: (status: CaptureStatus) => void,
  timers: StatusTimers,
): () => void {
  let stopped = false
  const client = createClient(core)
  const ask = (): void => {
    // A failed ask changes nothing shown; the next event or poll brings the status.
    client.call('capture.status', {}).then(
      (status) => {
        if (!stopped) apply(status)
      },
      () => undefined,
    )
  }
  const unsubscribe = client.on('capture.status', (data) => apply(data.status))
  const handle = timers.setInterval(ask, STATUS_POLL_MS)
  ask()
  return () => {
    stopped = true
    unsubscribe()
    timers.clearInterval(handle)
  }
}
