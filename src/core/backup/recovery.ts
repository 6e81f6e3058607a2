import path from 'node:path'
import type { RecoveryReport } from '../../shared/contract/domains/system'
import { takeCleanShutdown } from '../db/cleanShutdown'
import { DATABASE_FILE, DamagedDatabaseError, openDatabase } from '../db/open'
import type { OpenOptions, OpenedDatabase } from '../db/open'
import { listBackups } from './files'
import { fileStamp, moveAside, stageRestore, swapInStaged } from './restore'

export interface RecoveredOpen {
  opened: OpenedDatabase
  /** What start-up had to do, for the UI to tell the person; null when the database was fine. */
  recovery: RecoveryReport | null
}

/** `PRAGMA quick_check` finds damaged pages and indexes in a fraction of integrity_check's time. */
function quickCheck(opened: OpenedDatabase): string | null {
  const rows = opened.db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[]
  const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok')
  return problems.length > 0 ? problems.join('; ') : null
}

/**
 * Opens the database and checks it (unless the last quit was clean and the file is untouched since). A damaged or unreadable file is moved aside (never deleted), the newest
 * verified backup that opens is put in its place (or, with none, a new empty database), and the report says
 * in plain words what happened and what was lost.
 */
export function openWithRecovery(dataDir: string, now: number, options: OpenOptions = {}): RecoveredOpen {
  let problem: string
  // After a clean quit the file is known good and the check (seconds on a big file) is skipped.
  const cleanlyClosed = takeCleanShutdown(path.join(dataDir, DATABASE_FILE))
  try {
    const opened = openDatabase(dataDir, options)
    let found: string | null = null
    try {
      if (!cleanlyClosed) found = quickCheck(opened)
    } catch (error) {
      found = error instanceof Error ? error.message : String(error)
    }
    if (found === null) return { opened, recovery: null }
    opened.db.close()
    problem = `the database check found damage (${found.slice(0, 300)})`
  } catch (error) {
    if (!(error instanceof DamagedDatabaseError)) throw error
    problem = 'the database file could not be read as a database'
  }

  const file = path.join(dataDir, DATABASE_FILE)
  const damagedPath = moveAside(file, `damaged-${fileStamp(now)}`)
  for (const backup of listBackups(dataDir)) {
    let staged: string
    try {
      staged = stageRestore(dataDir, backup)
    } catch {
      continue // a damaged backup: try the next older one
    }
    swapInStaged(dataDir, staged, `unusable-${fileStamp(now)}`)
    try {
      const opened = openDatabase(dataDir, options)
      return {
        opened,
        recovery: {
          at: now,
          problem,
          damagedPath,
          restoredFrom: backup.name,
          backupCreatedAt: backup.createdAt,
          message: `Cairn found that ${problem}. It moved the damaged file to ${damagedPath} and restored the backup of ${new Date(backup.createdAt).toUTCString()}. Anything you changed after that time is not in the restored data; the damaged file is kept in case it can be repaired.`,
        },
      }
    } catch {
      // This backup does not open either: keep it aside too, and try the next older one.
      moveAside(file, `unusable-${backup.name}`)
    }
  }
  const opened = openDatabase(dataDir, options)
  return {
    opened,
    recovery: {
      at: now,
      problem,
      damagedPath,
      restoredFrom: null,
      backupCreatedAt: null,
      message: `Cairn found that ${problem}, and there was no usable backup. It moved the damaged file to ${damagedPath} and started with an empty database; the damaged file is kept in case it can be repaired.`,
    },
  }
}
