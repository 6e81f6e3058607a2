import { useCall, useCallMutation } from '../api/queries'
import { errorText } from '../lib/errors'
import { formatDateTime } from '../lib/time'
import { useTranslation } from 'react-i18next'

/** What is in the trash: restore it, or delete it for good. */
export function TrashList() {
  // The newest 500 trashed items, the most one page holds.
  const { t } = useTranslation()
  const trash = useCall('vaults.tree', { trash: true, limit: 500 })
  const restore = useCallMutation('vaults.restore')
  const remove = useCallMutation('vaults.delete')
  const ids = new Set(trash.data?.nodes.map((node) => node.id))
  // Items trashed with their folder come back with it; list only the tops.
  const tops = trash.data?.nodes.filter((node) => node.parentId === null || !ids.has(node.parentId)) ?? []
  return (
    <section className="trash" aria-labelledby="trash-title">
      <h2 id="trash-title">{t('vaults.trash')}</h2>
      {trash.error && <p className="inline-error">{errorText(trash.error)}</p>}
      {trash.isSuccess && tops.length === 0 && <p className="empty-state">{t('vaults.trashEmpty')}</p>}
      <ul className="plain-list">
        {tops.map((node) => (
          <li key={node.id} className="list-row">
            <span>
              {node.isFolder ? '▸ ' : ''}
              {node.title || t('common.untitled')}
              {node.deletedAt !== null && (
                <span className="muted">
                  {t('vaults.trashedAt', { date: formatDateTime(node.deletedAt) })}
                </span>
              )}
            </span>
            <span className="row-actions">
              <button type="button" onClick={() => restore.mutate({ id: node.id })}>
                {t('common.restore')}
              </button>
              <button type="button" className="danger" onClick={() => remove.mutate({ id: node.id })}>
                {t('vaults.deleteForever')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
