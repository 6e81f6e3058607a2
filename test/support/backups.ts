import Database from 'better-sqlite3'
import path from 'node:path'
import { nextBackupFile, recordBackup } from '../../src/core/backup/create'
import { verifyAndSync } from '../../src/core/backup/copyThread'
import { exportSteps } from '../../src/core/transfer/exportData'
import type { TestCore } from './core'
import { tempDir } from './tempDir'

/**
 * A verified backup made synchronously (VACUUM INTO on a second connection, then the same verification and
 * manifest as backups.create), for fixtures that cannot await.
 */
export function makeBackupSync(t: TestCore): string {
  const now = t.clock.now()
  const file = nextBackupFile(t.dataDir, now)
  const partial = `${file}.partial`
  const db = new Database(t.core.databasePath, { readonly: true, fileMustExist: true })
  try {
    db.prepare('VACUUM INTO ?').run(partial)
  } finally {
    db.close()
  }
  return recordBackup(partial, file, 'manual', now, verifyAndSync(partial)).name
}

/** A finished export of the core's database into a new temp folder, made synchronously (for fixtures). */
export function exportSync(t: TestCore): string {
  const dir = path.join(tempDir('cairn-export-'), 'export')
  const steps = exportSteps(t.core.databasePath, dir, t.clock.now(), false)
  while (!steps.next().done) {
    // each step writes part of the export
  }
  return dir
}
