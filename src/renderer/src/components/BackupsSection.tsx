import { useEffect, useState } from 'react'
import { OperationProgress } from './OperationProgress'
import type { EventData } from '../../../shared/contract/events'
import { useClient } from '../api/context'
import { useCall, useCallMutation } from '../api/queries'
import { errorText } from '../lib/errors'
import { formatBytes, formatDateTime } from '../lib/time'
import { useTranslation } from 'react-i18next'
import { i18next } from '../i18nCore'

type Progress = EventData<'backups.progress'>

const KIND_KEYS = {
  daily: 'settings.kindDaily',
  weekly: 'settings.kindWeekly',
  manual: 'settings.kindManual',
  safety: 'settings.kindSafety',
} as const

/** A backup's kind in words; a kind this version does not know is shown as the core names it. */
function backupKind(kind: string): string {
  const key = KIND_KEYS[kind as keyof typeof KIND_KEYS] as
    (typeof KIND_KEYS)[keyof typeof KIND_KEYS] | undefined
  return key ? i18next.t(key) : kind
}

/** Verified backups of the database: make one now, restore one (the current file is kept aside). */
export function BackupsSection() {
  const { t } = useTranslation()
  const client = useClient()
  const backups = useCall('backups.list', {})
  const create = useCallMutation('backups.create', { onSuccess: () => void backups.refetch() })
  const restore = useCallMutation('backups.restore', { onSuccess: () => void backups.refetch() })
  const [progress, setProgress] = useState<Progress | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  useEffect(() => {
    const offProgress = client.on('backups.progress', (event) => {
      if (event.operation === 'backup' || event.operation === 'restore') setProgress(event)
    })
    const offRestored = client.on('backups.restored', (event) =>
      setNotice(
        i18next.t('settings.restored', {
          date: formatDateTime(event.backup.createdAt),
          path: event.setAsidePath,
        }),
      ),
    )
    return () => {
      offProgress()
      offRestored()
    }
  }, [client])

  const busy = create.isPending || restore.isPending
  const items = backups.data?.items ?? []
  return (
    <section className="card" aria-labelledby="backups-title">
      <h2 id="backups-title">{t('settings.backups')}</h2>
      <div className="inline-form">
        <button type="button" className="primary" disabled={busy} onClick={() => create.mutate({})}>
          {t('settings.backUpNow')}
        </button>
        {busy && progress && (
          <span className="backup-progress">
            <OperationProgress {...progress} />
          </span>
        )}
        {backups.data && (
          <span className="muted mono small-text" translate="no">
            {backups.data.dir}
          </span>
        )}
      </div>
      {notice && <p className="muted">{notice}</p>}
      {backups.error && <p className="inline-error">{errorText(backups.error)}</p>}
      {backups.isSuccess && items.length === 0 && <p className="empty">{t('settings.noBackups')}</p>}
      <ul className="plain-list">
        {items.map((backup) => (
          <li key={backup.name} className="list-row">
            <span>
              {formatDateTime(backup.createdAt)} <span className="chip">{backupKind(backup.kind)}</span>{' '}
              <span className="muted">{formatBytes(backup.bytes)}</span>
            </span>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                if (
                  window.confirm(t('settings.confirmRestore', { date: formatDateTime(backup.createdAt) }))
                ) {
                  restore.mutate({ name: backup.name })
                }
              }}
            >
              {t('common.restore')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
