import { useEffect, useState } from 'react'
import { OperationProgress } from './OperationProgress'
import type { EventData } from '../../../shared/contract/events'
import { useClient } from '../api/context'
import { useCall, useCallMutation } from '../api/queries'
import { errorText } from '../lib/errors'
import { formatBytes, formatDateTime } from '../lib/time'

type Progress = EventData<'backups.progress'>

/** Verified backups of the database: make one now, restore one (the current file is kept aside). */
export function BackupsSection() {
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
        `Restored the backup of ${formatDateTime(event.backup.createdAt)}. The replaced database was kept at ${event.setAsidePath}.`,
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
      <h2 id="backups-title">Backups</h2>
      <div className="inline-form">
        <button type="button" className="primary" disabled={busy} onClick={() => create.mutate({})}>
          Back up now
        </button>
        {busy && progress && (
          <span className="backup-progress">
            <OperationProgress {...progress} />
          </span>
        )}
        {backups.data && <span className="muted mono small-text">{backups.data.dir}</span>}
      </div>
      {notice && <p className="muted">{notice}</p>}
      {backups.error && <p className="inline-error">{errorText(backups.error)}</p>}
      {backups.isSuccess && items.length === 0 && (
        <p className="empty">No backups yet. One is made every day.</p>
      )}
      <ul className="plain-list">
        {items.map((backup) => (
          <li key={backup.name} className="list-row">
            <span>
              {formatDateTime(backup.createdAt)} <span className="chip">{backup.kind}</span>{' '}
              <span className="muted">{formatBytes(backup.bytes)}</span>
            </span>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                if (
                  window.confirm(
                    `Replace the current data with the backup of ${formatDateTime(backup.createdAt)}? The current database is kept aside.`,
                  )
                ) {
                  restore.mutate({ name: backup.name })
                }
              }}
            >
              Restore
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
