import '../../styles/capture.css'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCall, useCallMutation } from '../../api/queries'
import { errorText } from '../../lib/errors'
import { CaptureReason } from './CaptureReason'
import { formatTime } from '../../lib/time'

/**
 * Turns screen capture on or off (capture.enabled); the core records when it was turned on. Shown in the
 * first-run guide and in Settings → Capture, with what the OS still needs when it will not show the screen.
 * Where a state line beside it already says why capture is unavailable, `showReason` is off so it is said once.
 */
export function CaptureSwitch({ showReason = true }: { showReason?: boolean }) {
  const { t } = useTranslation()
  const status = useCall('capture.status', {})
  const save = useCallMutation('settings.set')
  // The box shows the new state with the click and keeps it until the status (refetched after the
  // settings.changed event) agrees: a controlled box would otherwise spring back in between.
  const [shown, setShown] = useState<boolean | null>(null)
  const data = status.data
  // Adjusted while rendering (React's pattern for state derived from props): the stored value caught up.
  if (shown !== null && shown === data?.enabled) setShown(null)
  if (!data) return <p className="muted">{t('capture.statePending')}</p>
  const { consentedAt, permission } = data
  const enabled = shown ?? data.enabled
  return (
    <div className="capture-switch">
      <label className="check capture-switch-toggle">
        <input
          type="checkbox"
          checked={enabled}
          disabled={save.isPending}
          onChange={(event) => {
            setShown(event.target.checked)
            save.mutate(
              { key: 'capture.enabled', value: event.target.checked },
              { onError: () => setShown(null) },
            )
          }}
        />
        <span>
          <strong>{t('capture.switchLabel')}</strong>
          <span className="hint">
            {!enabled
              ? t('capture.switchOff')
              : consentedAt !== null
                ? t('capture.switchOnSince', { time: formatTime(consentedAt) })
                : t('capture.switchOn')}
          </span>
        </span>
      </label>
      {save.error && <span className="inline-error">{errorText(save.error)}</span>}
      {permission && permission.state !== 'granted' && (
        <div className="capture-permission" role="note" data-testid="capture-permission">
          <p>
            {permission.state === 'not-determined'
              ? t('capture.permissionAsk')
              : t('capture.permissionDenied')}
          </p>
          {permission.relaunchNeeded && <p>{t('capture.permissionRelaunch')}</p>}
          {permission.settingsUrl && (
            <a href={permission.settingsUrl} target="_blank" rel="noreferrer">
              {t('capture.openPermission')}
            </a>
          )}
        </div>
      )}
      {showReason && !data.available && data.reason && (
        <p className="muted" data-testid="capture-unavailable">
          <CaptureReason text={data.reason} />
        </p>
      )}
    </div>
  )
}
