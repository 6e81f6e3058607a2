import { useCall, useCallMutation } from '../api/queries'
import { formatShortDate } from '../lib/time'
import { useTranslation } from 'react-i18next'

/** Tips from the assistant, newest first, each dismissable. */
export function TipsFeed() {
  const { t } = useTranslation()
  const tips = useCall('tips.list', { limit: 5 })
  const dismiss = useCallMutation('tips.dismiss')
  const items = tips.data?.items ?? []
  return (
    <section className="card" aria-labelledby="tips-title">
      <h2 id="tips-title">{t('tips.title')}</h2>
      {tips.isSuccess && items.length === 0 && <p className="empty">{t('tips.none')}</p>}
      <ul className="plain-list">
        {items.map((tip) => (
          <li key={tip.id} className="list-row">
            <span>
              {tip.content} <span className="muted small-text">{formatShortDate(tip.createdAt)}</span>
            </span>
            <button
              type="button"
              className="icon-button"
              aria-label={t('tips.dismiss')}
              onClick={() => dismiss.mutate({ id: tip.id })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
