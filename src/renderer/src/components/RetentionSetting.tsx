import { useState } from 'react'
import { useCall, useCallMutation } from '../api/queries'
import { useTranslation } from 'react-i18next'

/** How many days of monitoring buckets the prune job keeps. */
export function RetentionSetting() {
  const { t } = useTranslation()
  const setting = useCall('settings.get', { key: 'monitoring.retentionDays' })
  const save = useCallMutation('settings.set')
  const current = typeof setting.data?.value === 'number' ? setting.data.value : null
  const [draft, setDraft] = useState<string | null>(null)
  const value = draft ?? (current === null ? '' : String(current))
  const days = Number(value)
  const valid = Number.isInteger(days) && days >= 1 && days <= 365
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (valid)
          save.mutate({ key: 'monitoring.retentionDays', value: days }, { onSuccess: () => setDraft(null) })
      }}
    >
      <label>
        {t('monitoring.keepFor')}
        <input
          type="number"
          min={1}
          max={365}
          value={value}
          aria-invalid={!valid}
          onChange={(event) => setDraft(event.target.value)}
        />
        {t('monitoring.days')}
      </label>
      <button type="submit" disabled={!valid || draft === null || save.isPending}>
        {t('common.save')}
      </button>
      {!valid && <span className="inline-error">{t('monitoring.between')}</span>}
    </form>
  )
}
