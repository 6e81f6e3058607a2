import { useCall } from '../../api/queries'
import { formatTime } from '../../lib/time'

const LABELS = {
  off: 'Off',
  running: 'Capturing',
  paused: 'Paused',
  stale: 'Stalled',
  unavailable: 'Unavailable',
} as const

/** One line on what capture is doing and why: running, paused (by whom), stalled or unavailable. */
export function CaptureStateLine() {
  // The stalled state is a matter of time passing without a frame, so it is asked again now and then.
  const status = useCall('capture.status', {}, { refetchInterval: 30_000 })
  if (!status.data) return <span className="muted">Capture: …</span>
  const { state, reason, lastCaptureAt, intervalSeconds } = status.data
  return (
    <span className={`capture-state capture-${state}`} data-testid="capture-state">
      <strong>{LABELS[state]}</strong>
      {reason && <span> · {reason}</span>}
      {state === 'running' && <span className="muted"> · every {intervalSeconds} s</span>}
      {lastCaptureAt !== null && (
        <span className="muted"> · last screenshot {formatTime(lastCaptureAt)}</span>
      )}
    </span>
  )
}
