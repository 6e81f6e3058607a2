import Database from 'better-sqlite3'
import { finishBackup, nextBackupFile } from '../../src/main/backup/create'
import type { TestCore } from './core'

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
  return finishBackup(partial, file, 'manual', now).name
}
