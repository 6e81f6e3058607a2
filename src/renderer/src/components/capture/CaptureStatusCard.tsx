import '../../styles/capture.css'
import { Link } from 'react-router'
import { useCall, useCallMutation } from '../../api/queries'
import { CaptureStateLine } from './CaptureStateLine'

/** Home: whether capture is running, paused, stalled or unavailable (with why), today's counts, and actions. */
export function CaptureStatusCard() {
  const status = useCall('capture.status', {})
  const captureNow = useCallMutation('capture.captureNow')
  const setPaused = useCallMutation('settings.set')
  const today = status.data?.today
  return (
    <section className="card" aria-labelledby="capture-card-title">
      <h2 id="capture-card-title">Screen capture</h2>
      <p>
        <CaptureStateLine />
      </p>
      {today && (
        <p className="muted" data-testid="capture-today">
          Today: {today.captured} kept · {today.unchanged} unchanged · {today.excluded} excluded for privacy ·{' '}
          {today.paused} paused · {today.failed} failed
        </p>
      )}
      {status.data?.available && !status.data.enabled && (
        <p>
          Capture is off. <Link to="/settings">Turn it on</Link> in Settings → Capture, after reading what it
          records.
        </p>
      )}
      {status.data?.available && status.data.enabled && (
        <div className="form-actions">
          <button type="button" onClick={() => captureNow.mutate({})} disabled={captureNow.isPending}>
            Capture now
          </button>
          <button
            type="button"
            onClick={() => setPaused.mutate({ key: 'capture.paused', value: !status.data?.paused })}
          >
            {status.data.paused ? 'Resume' : 'Pause'}
          </button>
        </div>
      )}
      {status.data && !status.data.available && (
        <p className="muted">The desktop app takes screenshots; this browser view cannot see the screen.</p>
      )}
    </section>
  )
}
