import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../shared/contract/errors'

/** A small SQLite file whose exclusive lock, held for the life of the owner, says who owns the folder. */
export const OWNER_LOCK_DATABASE = 'cairn.lock.db'
/** The pid file older versions wrote; it proves nothing (pids are reused), so it is removed and ignored. */
export const LEGACY_OWNER_LOCK_FILE = 'cairn.db.lock'

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}

/**
 * Makes this process the one owner of DATA_DIR/cairn.db: the desktop app and `npm run serve` default to the
 * same folder, and two writers in two processes is what the data rules forbid. The lock is SQLite's own file
 * lock on `cairn.lock.db`, taken exclusively and kept (locking_mode=EXCLUSIVE) until release: the kernel drops
 * it the moment the process dies, however it dies, so a kill -9 or a reboot never leaves the folder blocked,
 * and a pid that now belongs to another program means nothing. Another connection in this same process is
 * refused as well (SQLite tracks its own locks per file). Returns the release function.
 */
export function acquireOwnerLock(dataDir: string): () => void {
  const file = path.join(dataDir, OWNER_LOCK_DATABASE)
  const db = new Database(file, { timeout: 0 })
  try {
    db.pragma('journal_mode = DELETE')
    db.pragma('locking_mode = EXCLUSIVE')
    // The first write takes the exclusive lock; in EXCLUSIVE mode SQLite keeps it after the commit.
    db.exec('BEGIN EXCLUSIVE')
    db.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL, started_at INTEGER NOT NULL)')
    db.exec('DELETE FROM owner')
    db.prepare('INSERT INTO owner (pid, started_at) VALUES (?, ?)').run(process.pid, Date.now())
    db.exec('COMMIT')
  } catch (error) {
    db.close()
    if (isBusy(error)) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `Cairn is already running with the data folder ${dataDir}. Close it first, or use another folder with --data-dir.`,
      )
    }
    throw error
  }
  fs.rmSync(path.join(dataDir, LEGACY_OWNER_LOCK_FILE), { force: true })
  let released = false
  return () => {
    if (released) return
    released = true
    db.close()
  }
}
