import type { Task, TaskThread } from '../runtime/threadTask'
import { exportSteps } from './exportData'
import type { ExportSummary, TransferStep } from './exportData'

export interface ExportRequest {
  databaseFile: string
  dir: string
  now: number
  overwrite: boolean
}

/** What the core worker's script is given to run an export instead of a core. */
interface ExportData extends ExportRequest {
  role: 'export'
}

function isExportData(data: Task): data is ExportData {
  return data.role === 'export'
}

/**
 * Runs a whole export on the core's task thread, at a lower priority on Linux. The export reads its own snapshot
 * through its own connection, so it needs nothing from the core's thread; there it took a CPU for 13 s at a year
 * of data and, with V8's collector and the disk's writeback, left the window's thread waiting for the other one
 * (npm run bench:budgets, UI-thread stall). Steps come back as they are written.
 */
export function exportOnThread(
  request: ExportRequest,
  thread: TaskThread,
  onStep: (step: TransferStep) => void,
): Promise<ExportSummary> {
  const data: ExportData = { role: 'export', ...request }
  return thread.run<TransferStep, ExportSummary>(data, 'cairn export', onStep)
}

/** The thread's side: every step in turn, each reported, then the summary or the error. */
export function runExport(data: Task, report: (step: TransferStep) => void): ExportSummary {
  if (!isExportData(data)) throw new Error('An export needs its folder and database.')
  const steps = exportSteps(data.databaseFile, data.dir, data.now, data.overwrite)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
    report(next.value)
  }
}
