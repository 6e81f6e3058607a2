import { useEffect, useState } from 'react'
import { OperationProgress } from './OperationProgress'
import type { EventData } from '../../../shared/contract/events'
import { useClient } from '../api/context'
import { useCallMutation } from '../api/queries'
import { errorText } from '../lib/errors'
import type { FolderChoice } from './FolderPathField'
import { FolderPathField, NO_FOLDER, folderParam } from './FolderPathField'
import { useTranslation } from 'react-i18next'

type Progress = EventData<'backups.progress'>

// The form's inputs are sized for numbers by default; a checkbox needs none.
const CHECKBOX = { width: 'auto' }

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0)

/**
 * Export everything to a folder of JSONL files and Markdown documents, and import such a folder back
 * (importing the same export twice changes nothing). The folder is typed as an absolute path; the desktop app
 * also offers the OS folder dialog.
 */
export function TransferSection() {
  const { t } = useTranslation()
  const client = useClient()
  const [exportDir, setExportDir] = useState<FolderChoice>(NO_FOLDER)
  const [overwrite, setOverwrite] = useState(false)
  const [importDir, setImportDir] = useState<FolderChoice>(NO_FOLDER)
  const [applyControl, setApplyControl] = useState(false)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [pickProblem, setPickProblem] = useState<string | null>(null)
  const exporting = useCallMutation('transfer.export')
  const importing = useCallMutation('transfer.import')

  useEffect(
    () =>
      client.on('backups.progress', (event) => {
        if (event.operation === 'export' || event.operation === 'import') setProgress(event)
      }),
    [client],
  )

  const busy = exporting.isPending || importing.isPending
  const exported = exporting.data
  const imported = importing.data
  const failure = exporting.error ?? importing.error

  return (
    <section className="card" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('settings.transfer')}</h2>
      <p className="muted">{t('settings.transferIntro')}</p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault()
          importing.reset()
          exporting.mutate({ dir: folderParam(exportDir), overwrite })
          // A handle is good for one export: a second one goes through the dialog again.
          setExportDir({ ...exportDir, handle: null })
        }}
      >
        <FolderPathField
          label={t('settings.exportTo')}
          purpose="export"
          value={exportDir}
          onChange={setExportDir}
          onProblem={setPickProblem}
        />
        <label>
          <input
            type="checkbox"
            style={CHECKBOX}
            checked={overwrite}
            onChange={(event) => setOverwrite(event.target.checked)}
          />
          {t('settings.replaceFolder')}
        </label>
        <button type="submit" className="primary" disabled={busy || exportDir.text.trim() === ''}>
          {t('settings.export')}
        </button>
      </form>
      <form
        className="inline-form"
        style={{ marginTop: 12 }}
        onSubmit={(event) => {
          event.preventDefault()
          if (window.confirm(t('settings.confirmImport', { dir: importDir.text.trim() }))) {
            exporting.reset()
            importing.mutate({ dir: folderParam(importDir), applySettingsAndWork: applyControl })
            setImportDir({ ...importDir, handle: null })
          }
        }}
      >
        <FolderPathField
          label={t('settings.importFrom')}
          purpose="import"
          value={importDir}
          onChange={setImportDir}
          onProblem={setPickProblem}
        />
        <label>
          <input
            type="checkbox"
            style={CHECKBOX}
            checked={applyControl}
            onChange={(event) => setApplyControl(event.target.checked)}
          />
          {t('settings.applyControl')}
        </label>
        <button type="submit" disabled={busy || importDir.text.trim() === ''}>
          {t('settings.import')}
        </button>
        {applyControl && (
          <p className="inline-error" role="note">
            {t('settings.applyControlWarning')}
          </p>
        )}
      </form>
      {busy && progress && (
        <p className="backup-progress" role="status">
          <OperationProgress {...progress} />
        </p>
      )}
      {pickProblem && <p className="inline-error">{pickProblem}</p>}
      {failure && !busy && <p className="inline-error">{errorText(failure)}</p>}
      {exported && !busy && (
        <p role="status">
          {t('settings.exported', {
            rows: sum(Object.values(exported.tables)),
            tables: Object.keys(exported.tables).length,
            documents: exported.documents,
            dir: exported.dir,
          })}
        </p>
      )}
      {imported && !busy && (
        <p role="status">
          {t('settings.imported', {
            rows: sum(Object.values(imported.tables).map((table) => table.rows)),
            changed: sum(Object.values(imported.tables).map((table) => table.changed)),
          })}
          {imported.held.applied
            ? ` ${t('settings.importedHeldApplied', { settings: imported.held.settingsKeys.length })}`
            : sum(Object.values(imported.held.rows)) > 0 &&
              ` ${t('settings.importedHeld', {
                settings: imported.held.settingsKeys.length,
                keys: imported.held.settingsKeys.join(', ') || '—',
                work: imported.held.rows.work_items ?? 0,
                jobs: imported.held.rows.job_runs ?? 0,
              })}`}
        </p>
      )}
    </section>
  )
}
