import fs from 'node:fs'
import { Worker, parentPort } from 'node:worker_threads'
import { AppError } from '../../shared/contract/errors'
import type { AppErrorShape } from '../../shared/contract/errors'
import { lowerThisThreadsPriority } from '../platform/threadPriority'
import { toErrorShape } from '../runtime/errorMapping'
import { isWorkerLogRecord, printWorkerLog } from '../runtime/workerLog'
import type { Verification } from './verify'
import { verifyCopy } from './verify'

/** A script that runs runVerification when its workerData has role 'verify-backup' (the core worker's own). */
export interface ThreadScript {
  workerPath: string
  execArgv?: string[]
}

export interface VerifyData {
  role: 'verify-backup'
  file: string
}

type VerifyAnswer = { ok: true; verification: Verification } | { ok: false; error: AppErrorShape }

export function isVerifyData(data: unknown): data is VerifyData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'verify-backup'
}

/** Checks the copy and flushes it to the disk: the part of a backup that does not need the live database. */
export function verifyAndSync(file: string): Verification {
  const verification = verifyCopy(file)
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  return verification
}

/**
 * Verifies and syncs a finished copy on a thread of its own. integrity_check reads every page: 9-12 s for a
 * 664 MB database, during which the core's thread would answer no call (npm run bench:budgets). Without a
 * script (tests, tools that run the core in-process) the work runs on the calling thread.
 */
export function verifyAndSyncCopy(file: string, script: ThreadScript | undefined): Promise<Verification> {
  if (!script) return Promise.resolve().then(() => verifyAndSync(file))
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.workerPath, {
      workerData: { role: 'verify-backup', file } satisfies VerifyData,
      ...(script.execArgv ? { execArgv: script.execArgv } : {}),
    })
    let answered = false
    const onMessage = (message: unknown): void => {
      // The thread's console lines come this way too (the parent's console takes them to the log file).
      if (isWorkerLogRecord(message)) return printWorkerLog('cairn backup check', message)
      worker.off('message', onMessage)
      const answer = message as VerifyAnswer
      answered = true
      if (answer.ok) resolve(answer.verification)
      else reject(new AppError(answer.error.code, answer.error.message))
    }
    worker.on('message', onMessage)
    worker.once('error', (error) => {
      answered = true
      reject(error)
    })
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The backup check stopped (exit code ${code}) before it answered.`))
    })
  })
}

/** The thread's side: one check, one answer. */
export function runVerification(data: VerifyData): void {
  lowerThisThreadsPriority()
  let answer: VerifyAnswer
  try {
    answer = { ok: true, verification: verifyAndSync(data.file) }
  } catch (error) {
    answer = { ok: false, error: toErrorShape(error) }
  }
  parentPort?.postMessage(answer)
}
