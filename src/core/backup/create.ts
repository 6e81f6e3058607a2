import type Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { PRIVATE_DIR_MODE } from '../platform/privateFiles'
import type { BackupInfo } from '../../shared/contract/domains/backups'
import { backupDir, backupFileName, readManifest, syncDir, writeFileAtomic, manifestPath } from './files'
import type { Verification } from './verify'
import type { TaskThread } from '../runtime/threadTask'
import { copyDatabase, copyOnThread, verifyAndSync } from './copyThread'
import type { BackupProgress } from './copyThread'

/**
 * Copies the live database with SQLite's online backup API into DATA_DIR/backups, then verifies the copy and
 * only then writes its manifest, which is what makes it count. With the core's task thread, the thread copies a
 * snapshot through its own connection (src/core/backup/copyThread.ts); without it (tests, tools that run the
 * core in-process) the copy goes through `db` in steps, and SQLite carries writes made through `db` meanwhile
 * into it, so it is the snapshot of the moment it finished.
 */
export async function createBackup(
  db: Database.Database,
  dataDir: string,
  kind: BackupInfo['kind'],
  now: number,
  onProgress: (progress: BackupProgress) => void,
  taskThread?: TaskThread,
): Promise<BackupInfo> {
  const file = nextBackupFile(dataDir, now)
  const partial = `${file}.partial`
  let verification: Verification
  try {
    if (taskThread) {
      verification = await copyOnThread(taskThread, db.name, partial, onProgress)
    } else {
      await copyDatabase(db, partial, onProgress)
      verification = verifyAndSync(partial)
    }
  } catch (error) {
    removePartial(partial)
    throw error
  }
  return recordBackup(partial, file, kind, now, verification)
}

/** A free backup file name for `now` in DATA_DIR/backups (created if missing). */
export function nextBackupFile(dataDir: string, now: number): string {
  const dir = backupDir(dataDir)
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  let name = backupFileName(now)
  // Two backups in the same millisecond (tests, a double click): the later one takes the next name.
  for (let bump = 1; fs.existsSync(path.join(dir, name)); bump += 1) name = backupFileName(now + bump)
  return path.join(dir, name)
}

function removePartial(partial: string): void {
  for (const leftover of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) {
    fs.rmSync(leftover, { force: true })
  }
}

/** Moves a verified, synced copy to its name and writes the manifest that makes it count. */
export function recordBackup(
  partial: string,
  file: string,
  kind: BackupInfo['kind'],
  now: number,
  verification: Verification,
): BackupInfo {
  const dir = path.dirname(file)
  const name = path.basename(file)
  try {
    fs.renameSync(partial, file)
    syncDir(dir)
    const info: BackupInfo = {
      name,
      path: file,
      kind,
      createdAt: now,
      bytes: fs.statSync(file).size,
      schemaVersion: verification.schemaVersion,
      integrity: 'ok',
      rowCounts: verification.rowCounts,
    }
    const { path: _path, ...manifest } = info
    writeFileAtomic(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`)
    const read = readManifest(file)
    if (!read) throw new Error('The backup manifest cannot be read back.')
    return read
  } catch (error) {
    removePartial(partial)
    throw error
  }
}
