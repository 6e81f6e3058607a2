import { useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { useCall, useCallMutation } from '../api/queries'
import { DocumentEditor } from '../components/DocumentEditor'
import { TrashList } from '../components/TrashList'
import { VaultTree } from '../components/VaultTree'
import { errorText } from '../lib/errors'
import { REPORT_LABELS, inTree, levelParams } from '../lib/tree'
import { formatShortDate } from '../lib/time'
import { useTranslation } from 'react-i18next'

/** Vaults: the folder tree and reports on the left, the open document (or the trash) on the right. */
export function VaultsScreen() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { id: idParam } = useParams()
  const [params] = useSearchParams()
  const showTrash = params.get('trash') === '1'
  const openId = Number(idParam ?? '0')
  // The tree's own first page of the top level (the same input, so one answer serves both).
  const top = useCall('vaults.tree', levelParams(null, 0))
  const doc = useCall('vaults.get', { id: openId || 1 }, { enabled: openId > 0 })
  const [folder, setFolder] = useState<number | null>(null)
  const [creatingFolderIn, setCreatingFolderIn] = useState<number | null | undefined>(undefined)
  const create = useCallMutation('vaults.create')
  const restore = useCallMutation('vaults.restore')

  const isEmpty = top.isSuccess && !top.data.nodes.some(inTree)
  const targetFolder = folder

  const newDocument = () =>
    create.mutate(
      { title: t('common.untitled'), content: '', parentId: targetFolder },
      { onSuccess: (created) => void navigate(`/vaults/${created.id}`) },
    )

  return (
    <section className="screen vaults" aria-labelledby="vaults-title">
      <aside className="vault-side">
        <header className="screen-header">
          <h1 id="vaults-title">{t('vaults.title')}</h1>
        </header>
        <div className="toolbar">
          <button type="button" onClick={() => setCreatingFolderIn(targetFolder)}>
            {t('vaults.newFolder')}
          </button>
          <button type="button" className="primary" onClick={newDocument} disabled={create.isPending}>
            {t('vaults.newDocument')}
          </button>
        </div>
        {top.error && <p className="inline-error">{errorText(top.error)}</p>}
        {isEmpty && creatingFolderIn === undefined && <p className="empty">{t('vaults.empty')}</p>}
        <VaultTree
          selectedId={openId || targetFolder}
          creatingFolderIn={creatingFolderIn}
          onSelectFolder={setFolder}
          onCancelCreate={() => setCreatingFolderIn(undefined)}
          onCreateFolder={(title) => {
            setCreatingFolderIn(undefined)
            create.mutate({ title, isFolder: true, parentId: targetFolder })
          }}
        />
        {Object.keys(REPORT_LABELS).map((type) => (
          <ReportGroup key={type} type={type as ReportType} />
        ))}
        <Link className="trash-link" to={showTrash ? '/vaults' : '/vaults?trash=1'}>
          {showTrash ? t('vaults.closeTrash') : t('vaults.trash')}
        </Link>
      </aside>
      <div className="vault-main">
        {showTrash ? (
          <TrashList />
        ) : openId === 0 ? (
          <p className="empty-state">{t('vaults.pick')}</p>
        ) : doc.error && !doc.data ? (
          <p className="inline-error">{errorText(doc.error)}</p>
        ) : doc.data ? (
          doc.data.isFolder ? (
            <p className="empty-state">{t('vaults.isFolder', { title: doc.data.title })}</p>
          ) : (
            // Trashed (or deleted) while open, the editor stays with its text; the notice says what happened.
            <>
              {doc.data.isDeleted && (
                <p className="notice">
                  {t('vaults.inTrash')}{' '}
                  <button type="button" onClick={() => doc.data && restore.mutate({ id: doc.data.id })}>
                    {t('common.restore')}
                  </button>
                </p>
              )}
              <DocumentEditor key={doc.data.id} vault={doc.data} />
            </>
          )
        ) : (
          <p className="muted">{t('vaults.loading')}</p>
        )}
      </div>
    </section>
  )
}

type ReportType = keyof typeof REPORT_LABELS

/** One kind of report (daily, weekly...), newest first, outside the folder tree. */
function ReportGroup({ type }: { type: ReportType }) {
  const { t } = useTranslation()
  const reports = useCall('vaults.list', { documentType: type, limit: 50 })
  const items = reports.data?.items ?? []
  if (items.length === 0) return null
  return (
    <details className="report-group">
      <summary>
        {t(REPORT_LABELS[type])} <span className="muted">{reports.data?.total}</span>
      </summary>
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/vaults/${item.id}`}>{item.title || formatShortDate(item.createdAt)}</Link>
          </li>
        ))}
      </ul>
    </details>
  )
}
