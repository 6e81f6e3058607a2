import fs from 'node:fs'
import type { Task, TaskThread } from '../runtime/threadTask'
import type { Verification } from './verify'
import { verifyCopy } from './verify'

export interface VerifyData {
  role: 'verify-backup'
  file: string
}

export function isVerifyData(data: Task): data is VerifyData {
  return data.role === 'verify-backup'
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
 * Verifies and syncs a finished copy on the core's task thread. integrity_check reads every page: 9-12 s for a
 * 664 MB database, during which the core's thread would answer no call (npm run bench:budgets). Without a
 * thread (tests, tools that run the core in-process) the work runs on the calling thread.
 */
export function verifyAndSyncCopy(file: string, thread: TaskThread | undefined): Promise<Verification> {
  if (!thread) return Promise.resolve().then(() => verifyAndSync(file))
  const data: VerifyData = { role: 'verify-backup', file }
  return thread.run<never, Verification>(data, 'cairn backup check')
}

/** The thread's side: one check, one answer. */
export function runVerification(data: Task): Verification {
  if (!isVerifyData(data)) throw new Error('A backup check needs the file to check.')
  return verifyAndSync(data.file)
}
