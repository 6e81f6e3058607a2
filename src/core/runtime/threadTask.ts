import { Worker, parentPort } from 'node:worker_threads'
import { AppError } from '../../shared/contract/errors'
import type { AppErrorShape } from '../../shared/contract/errors'
import { lowerThisThreadsPriority } from '../platform/threadPriority'
import { toErrorShape } from './errorMapping'
import { isWorkerLogRecord, printWorkerLog } from './workerLog'

/** A script whose entry runs a task when its workerData names one by role (the core worker's own). */
export interface ThreadScript {
  workerPath: string
  execArgv?: string[]
}

type FromTask<Step, Result> =
  { type: 'step'; step: Step } | { type: 'done'; result: Result } | { type: 'failed'; error: AppErrorShape }

/**
 * Runs one task on a thread of its own (a backup check, an export): its steps as they come, then its one answer.
 * A failure comes back as the AppError the calling thread would have thrown; `name` labels its log lines.
 */
export function runOnThread<Step, Result>(
  script: ThreadScript,
  workerData: { role: string },
  name: string,
  onStep?: (step: Step) => void,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.workerPath, {
      workerData,
      ...(script.execArgv ? { execArgv: script.execArgv } : {}),
    })
    let answered = false
    worker.on('message', (message: unknown) => {
      // The thread's console lines come this way too (the parent's console takes them to the log file).
      if (isWorkerLogRecord(message)) return printWorkerLog(name, message)
      const answer = message as FromTask<Step, Result>
      if (answer.type === 'step') return onStep?.(answer.step)
      answered = true
      if (answer.type === 'done') resolve(answer.result)
      else reject(new AppError(answer.error.code, answer.error.message, answer.error.issues))
    })
    worker.once('error', (error) => {
      answered = true
      reject(error)
    })
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The ${name} thread stopped (exit code ${code}) before it answered.`))
    })
  })
}

/** The thread's side: lowered in priority, it runs the task, reporting each step, then answers once. */
export function answerOnThread<Step, Result>(task: (step: (step: Step) => void) => Result): void {
  lowerThisThreadsPriority()
  const post = (message: FromTask<Step, Result>): void => parentPort?.postMessage(message)
  try {
    post({ type: 'done', result: task((step) => post({ type: 'step', step })) })
  } catch (error) {
    post({ type: 'failed', error: toErrorShape(error) })
  }
}
