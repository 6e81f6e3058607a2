import { useEffect, useState } from 'react'
import { OperationProgress } from './OperationProgress'
import type { EventData } from '../../../shared/contract/events'
import { useClient } from '../api/context'
import { useCallMutation } from '../api/queries'
import { errorText } from '../lib/errors'
import { FolderPathField } from './FolderPathField'

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
  const client = useClient()
  const [exportDir, setExportDir] = useState('')
  const [overwrite, setOverwrite] = useState(false)
  const [importDir, setImportDir] = useState('')
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
      <h2 id="transfer-title">Export and import</h2>
      <p className="muted">
        An export is a folder of plain files: one JSONL file per table, a manifest, and every document as
        Markdown. Importing it adds and updates rows and keeps everything else.
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault()
          importing.reset()
          exporting.mutate({ dir: exportDir.trim(), overwrite })
        }}
      >
        <FolderPathField
          label="Export to folder"
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
          Replace what the folder holds
        </label>
        <button type="submit" className="primary" disabled={busy || exportDir.trim() === ''}>
          Export
        </button>
      </form>
      <form
        className="inline-form"
        style={{ marginTop: 12 }}
        onSubmit={(event) => {
          event.preventDefault()
          const dir = importDir.trim()
          if (window.confirm(`Import the export in ${dir}? Rows in it replace the rows with the same ids.`)) {
            exporting.reset()
            importing.mutate({ dir, applySettingsAndWork: applyControl })
          }
        }}
      >
        <FolderPathField
          label="Import from folder"
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
          Also apply its settings and queued AI work
        </label>
        <button type="submit" disabled={busy || importDir.trim() === ''}>
          Import
        </button>
        {applyControl && (
          <p className="inline-error" role="note">
            Only for an export you made yourself: its settings choose where the AI sends your screenshots and
            notes, and queued work runs at once. An export from anyone else could send them to their server.
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
          Exported {sum(Object.values(exported.tables))} rows from {Object.keys(exported.tables).length}{' '}
          tables and {exported.documents} documents to <span className="mono">{exported.dir}</span>.
        </p>
      )}
      {imported && !busy && (
        <p role="status">
          Imported {sum(Object.values(imported.tables).map((table) => table.rows))} rows;{' '}
          {sum(Object.values(imported.tables).map((table) => table.changed))} of them added or changed
          something.
          {imported.held.applied
            ? ` Its settings (${imported.held.settingsKeys.length}) and queued work were applied too.`
            : sum(Object.values(imported.held.rows)) > 0 &&
              ` Not applied: ${imported.held.settingsKeys.length} settings (${imported.held.settingsKeys.join(', ') || 'none'}), ${imported.held.rows.work_items ?? 0} queued AI work items and ${imported.held.rows.job_runs ?? 0} job runs; import again with “Also apply its settings” to apply them.`}
        </p>
      )}
    </section>
  )
}
