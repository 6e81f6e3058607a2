import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useCall } from '../../api/queries'
import { errorText } from '../../lib/errors'

/** "Linked from": the documents whose text has a [[link]] to this one, each with the line that links. */
export function Backlinks({ id, title }: { id: number; title: string }) {
  const { t } = useTranslation()
  const backlinks = useCall('vaults.backlinks', { id })
  const items = backlinks.data?.items ?? []
  return (
    <section className="backlinks" aria-labelledby="backlinks-title">
      <h2 id="backlinks-title">{t('vaults.backlinks')}</h2>
      {backlinks.error && <p className="inline-error">{errorText(backlinks.error)}</p>}
      {backlinks.isSuccess && items.length === 0 && (
        <p className="muted">{t('vaults.noBacklinks', { title })}</p>
      )}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((item) => (
            <li key={item.id}>
              <Link to={`/vaults/${item.id}`}>{item.title || t('common.untitled')}</Link>
              <span className="muted backlink-excerpt" translate="no">
                {item.excerpt}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
