import '../../styles/capture.css'
import { Link } from 'react-router'
import { useCall, useCallMutation } from '../../api/queries'
import { CaptureStateLine } from './CaptureStateLine'
import { Trans, useTranslation } from 'react-i18next'

/** Home: whether capture is running, paused, stalled or unavailable (with why), today's counts, and actions. */
export function CaptureStatusCard() {
  const { t } = useTranslation()
  const status = useCall('capture.status', {})
  const captureNow = useCallMutation('capture.captureNow')
  const setPaused = useCallMutation('settings.set')
  const today = status.data?.today
  return (
    <section className="card" aria-labelledby="capture-card-title">
      <h2 id="capture-card-title">{t('capture.card')}</h2>
      <p>
        <CaptureStateLine />
      </p>
      {today && (
        <p className="muted" data-testid="capture-today">
          {t('capture.today', { ...today })}
        </p>
      )}
      {status.data?.available && !status.data.enabled && (
        <p>
          <Trans i18nKey="capture.offHome" components={{ link: <Link to="/settings#capture" /> }} />
        </p>
      )}
      {status.data?.available && status.data.enabled && (
        <div className="form-actions">
          <button type="button" onClick={() => captureNow.mutate({})} disabled={captureNow.isPending}>
            {t('capture.captureNow')}
          </button>
          <button
            type="button"
            onClick={() => setPaused.mutate({ key: 'capture.paused', value: !status.data?.paused })}
          >
            {status.data.paused ? t('capture.resume') : t('capture.pause')}
          </button>
        </div>
      )}
      {status.data && !status.data.available && <p className="muted">{t('capture.browserOnly')}</p>}
    </section>
  )
}
