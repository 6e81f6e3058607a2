import { useCall } from '../../api/queries'
import { CaptureReason } from './CaptureReason'
import { formatTime } from '../../lib/time'
import { useTranslation } from 'react-i18next'

const LABELS = {
  off: 'capture.off',
  running: 'capture.running',
  paused: 'capture.paused',
  stale: 'capture.stale',
  unavailable: 'capture.unavailable',
} as const

/** One line on what capture is doing and why: running, paused (by whom), stalled or unavailable. */
export function CaptureStateLine() {
  // The stalled state is a matter of time passing without a frame, so it is asked again now and then.
  const { t } = useTranslation()
  const status = useCall('capture.status', {}, { refetchInterval: 30_000 })
  if (!status.data) return <span className="muted">{t('capture.statePending')}</span>
  const { state, reason, lastCaptureAt, intervalSeconds } = status.data
  return (
    <span className={`capture-state capture-${state}`} data-testid="capture-state">
      <strong>{t(LABELS[state])}</strong>
      {/* Off needs no reason after it: the core's "turned off: …" only repeats the label. */}
      {reason && state !== 'off' && (
        <span>
          {' · '}
          <CaptureReason text={reason} />
        </span>
      )}
      {state === 'running' && (
        <span className="muted">{t('capture.every', { seconds: intervalSeconds })}</span>
      )}
      {lastCaptureAt !== null && (
        <span className="muted">{t('capture.last', { time: formatTime(lastCaptureAt) })}</span>
      )}
    </span>
  )
}
