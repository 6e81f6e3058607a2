import Database from 'better-sqlite3'
import fs from 'node:fs'
import { chmodPrivate } from '../platform/privateFiles'
import type { Task, TaskThread } from '../runtime/threadTask'
import type { Verification } from './verify'
import { verifyCopy } from './verify'

export interface BackupProgress {
  done: number
  total: number
  stage: string
}

/** Pages copied per step; between steps the thread that copies does its other work. */
const PAGES_PER_STEP = 2_000

/**
 * Copies `source` into `partial` with SQLite's online backup API, in steps, each reported, then makes the copy
 * private to this user. Whether writes made meanwhile are in the copy depends on the connection (see callers).
 */
export async function copyDatabase(
  source: Database.Database,
  partial: string,
  onProgress: (progress: BackupProgress) => void,
  options: { syncEachStep?: boolean } = {},
): Promise<void> {
  // Opened once and closed only after the copy's own connection has closed: closing a descriptor drops every
  // POSIX lock this process holds on the file, SQLite's among them.
  let fd: number | null = null
  try {
    const copied = await source.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        if (options.syncEachStep) {
          fd ??= fs.openSync(partial, 'r+')
          fs.fdatasyncSync(fd)
        }
        onProgress({ done: totalPages - remainingPages, total: totalPages, stage: 'Copying the database' })
        return PAGES_PER_STEP
      },
    })
    chmodPrivate(partial)
    // better-sqlite3 does not call back for the last step; say that the copy is complete.
    onProgress({ done: copied.totalPages, total: copied.totalPages, stage: 'Verifying the copy' })
  } finally {
    if (fd !== null) fs.closeSync(fd)
  }
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

interface CopyData {
  role: 'backup-copy'
  databaseFile: string
  partial: string
}

function isCopyData(data: Task): data is CopyData {
  return data.role === 'backup-copy'
}

/**
 * Copies, verifies and syncs the database on the core's task thread, which answers with what the copy holds.
 * Done on the core's thread, the copy's steps and its final sync (the kernel writing 664 MB back, then ending
 * each page's writeback) held that thread and a CPU at normal priority, and the window's thread waited 12-21 ms
 * for a CPU (npm run bench:budgets, backups.create); integrity_check reads every page for 9-12 s more.
 */
export function copyOnThread(
  thread: TaskThread,
  databaseFile: string,
  partial: string,
  onProgress: (progress: BackupProgress) => void,
): Promise<Verification> {
  const data: CopyData = { role: 'backup-copy', databaseFile, partial }
  return thread.run<BackupProgress, Verification>(data, 'cairn backup', onProgress)
}

/**
 * The thread's side. Its own read-only connection holds one read transaction for every step, so the copy is the
 * snapshot of the moment it began: the core's connection writes on beside it (WAL) and no write restarts it.
 */
export async function runCopy(data: Task, report: (progress: BackupProgress) => void): Promise<Verification> {
  if (!isCopyData(data)) throw new Error('A backup needs the database and the file to copy it to.')
  const source = new Database(data.databaseFile, { readonly: true, fileMustExist: true })
  try {
    source.exec('BEGIN')
    // BEGIN is deferred: the first read takes the snapshot.
    source.prepare('SELECT count(*) FROM sqlite_schema').get()
    await copyDatabase(source, data.partial, report, { syncEachStep: true })
    source.exec('COMMIT')
  } finally {
    source.close()
  }
  return verifyAndSync(data.partial)
}
