import { Worker, parentPort } from 'node:worker_threads'
import { AppError } from '../../shared/contract/errors'
import type { AppErrorShape } from '../../shared/contract/errors'
import type { ThreadScript } from '../backup/verifyThread'
import { lowerThisThreadsPriority } from '../platform/threadPriority'
import { toErrorShape } from '../runtime/errorMapping'
import { isWorkerLogRecord, printWorkerLog } from '../runtime/workerLog'
import { exportSteps } from './exportData'
import type { ExportSummary, TransferStep } from './exportData'

export interface ExportRequest {
  databaseFile: string
  dir: string
  now: number
  overwrite: boolean
}

/** What the core worker's script is given to run an export instead of a core. */
export interface ExportData extends ExportRequest {
  role: 'export'
}

type FromExport =
  | { type: 'step'; step: TransferStep }
  | { type: 'done'; summary: ExportSummary }
  | { type: 'failed'; error: AppErrorShape }

export function isExportData(data: unknown): data is ExportData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'export'
}

/**
 * Runs a whole export on a thread of its own, at a lower priority on Linux. The export reads its own snapshot
 * through its own connection, so it needs nothing from the core's thread; there it took a CPU for 13 s at a year
 * of data and, with V8's collector and the disk's writeback, left the window's thread waiting for the other one
 * (npm run bench:budgets, UI-thread stall). Steps come back as they are written.
 */
export function exportOnThread(
  request: ExportRequest,
  script: ThreadScript,
  onStep: (step: TransferStep) => void,
): Promise<ExportSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.workerPath, {
      workerData: { role: 'export', ...request } satisfies ExportData,
      ...(script.execArgv ? { execArgv: script.execArgv } : {}),
    })
    let answered = false
    worker.on('message', (message: unknown) => {
      if (isWorkerLogRecord(message)) return printWorkerLog('cairn export', message)
      const answer = message as FromExport
      if (answer.type === 'step') return onStep(answer.step)
      answered = true
      if (answer.type === 'done') resolve(answer.summary)
      else reject(new AppError(answer.error.code, answer.error.message, answer.error.issues))
    })
    worker.once('error', (error) => {
      answered = true
      reject(error)
    })
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The export stopped (exit code ${code}) before it finished.`))
    })
  })
}

/** The thread's side: every step in turn, each reported, then the summary or the error. */
export function runExport(data: ExportData): void {
  lowerThisThreadsPriority()
  const post = (message: FromExport): void => parentPort?.postMessage(message)
  try {
    const steps = exportSteps(data.databaseFile, data.dir, data.now, data.overwrite)
    for (;;) {
      const next = steps.next()
      if (next.done) return post({ type: 'done', summary: next.value })
      post({ type: 'step', step: next.value })
    }
  } catch (error) {
    post({ type: 'failed', error: toErrorShape(error) })
  }
}
