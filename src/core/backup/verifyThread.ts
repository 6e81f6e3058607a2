import fs from 'node:fs'
import { answerOnThread, runOnThread } from '../runtime/threadTask'
import type { ThreadScript } from '../runtime/threadTask'
import type { Verification } from './verify'
import { verifyCopy } from './verify'

export interface VerifyData {
  role: 'verify-backup'
  file: string
}

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
  const data: VerifyData = { role: 'verify-backup', file }
  return runOnThread<never, Verification>(script, data, 'cairn backup check')
}

/** The thread's side: one check, one answer. */
export function runVerification(data: VerifyData): void {
  answerOnThread(() => verifyAndSync(data.file))
}
