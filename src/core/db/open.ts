import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { chmodPrivate, PRIVATE_DIR_MODE } from '../platform/privateFiles'
import { AppError } from '../../shared/contract/errors'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations'
import type { Migration } from './migrations/types'
import { markCleanShutdown } from './cleanShutdown'
import { BusyResult, isBusyError, retryWhenBusy } from './retry'
import { overrideShadowTableStatistics, refreshStatistics } from './statistics'
import type { BusyRetryOptions } from './retry'

export const DATABASE_FILE = 'cairn.db'
const MINIMUM_SQLITE = [3, 51, 3] as const

export interface OpenOptions {
  /** How long a write waits for another program's lock before giving up with SQLITE_BUSY (default 5 s). */
  busyTimeoutMs?: number
}

export interface OpenedDatabase {
  db: Database.Database
  path: string
  schemaVersion: number
  /** Migrations applied by this open, in order. */
  migrated: number[]
  /** The file could only be opened for reading (permissions, an immutable flag, a read-only disk). */
  readOnly: boolean
}

function versionAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split('.').map(Number)
  for (let index = 0; index < minimum.length; index += 1) {
    const have = parts[index] ?? 0
    const need = minimum[index] ?? 0
    if (have !== need) return have > need
  }
  return true
}

function applyPragmas(db: Database.Database, busyTimeoutMs: number): void {
  db.pragma('journal_mode = WAL')
  // NORMAL in WAL loses nothing when the app crashes; only a power cut can drop the last commits,
  // and the FULL checkpoint at quit narrows even that.
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`)
  db.pragma('journal_size_limit = 67108864')
  db.pragma('temp_store = MEMORY')
  // 128 MB of page cache (filled only as pages are read): FTS5's merges re-read the index pages on a write,
  // and with 32 MB one vault insert in fifteen took 483 ms p99 at 50,000 documents, with 128 MB 103 ms
  // (bench/budgets/ftsTails.ts, under load).
  db.pragma('cache_size = -131072')
}

const HEADER_BYTES = 100
const HEADER_MAGIC = 'SQLite format 3\u0000'
/** Bytes 21..23 of every valid header (payload fractions); SQLite refuses a file where they differ. */
const HEADER_FRACTIONS = [64, 32, 32] as const
/** Offset of user_version in the database header (a big-endian 32-bit integer). */
const USER_VERSION_OFFSET = 60

/**
 * Reads user_version without creating or changing anything; 0 for a file that does not exist.
 * Without a -wal file the header on disk is current, and reading its bytes is the only way that is sure to
 * leave nothing behind: even a read-only SQLite connection creates -wal and -shm files next to a WAL database.
 */
export function readSchemaVersion(file: string): number {
  if (!fs.existsSync(file)) return 0
  if (!fs.existsSync(`${file}-wal`)) {
    const header = Buffer.alloc(HEADER_BYTES)
    const fd = fs.openSync(file, 'r')
    try {
      const read = fs.readSync(fd, header, 0, HEADER_BYTES, 0)
      // An empty, foreign or damaged file is left to SQLite, which reports it properly when it is opened.
      if (read < HEADER_BYTES || header.toString('latin1', 0, HEADER_MAGIC.length) !== HEADER_MAGIC) return 0
      if (HEADER_FRACTIONS.some((value, index) => header[21 + index] !== value)) return 0
      return header.readInt32BE(USER_VERSION_OFFSET)
    } finally {
      fs.closeSync(fd)
    }
  }
  // A -wal left by a crash may hold a newer header than the file; only SQLite can read through it.
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return Number(db.pragma('user_version', { simple: true }))
  } finally {
    db.close()
  }
}

function brokenReferences(db: Database.Database): number {
  return (db.pragma('foreign_key_check') as unknown[]).length
}

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = Number(db.pragma('user_version', { simple: true }))
  const pending = migrations.filter((migration) => migration.version > current)
  if (pending.length === 0) return []
  // Foreign keys are off while tables are rebuilt (SQLite's own procedure for schema changes): dropping a table
  // would otherwise delete the rows that reference it. Every reference is checked before the commit instead.
  const foreignKeys = Number(db.pragma('foreign_keys', { simple: true })) === 1
  if (foreignKeys) db.pragma('foreign_keys = OFF')
  try {
    // All pending migrations commit together or not at all: a crash halfway leaves the old schema intact.
    db.transaction(() => {
      // Only references a migration broke stop it: a file edited by hand with foreign keys off still opens.
      const brokenBefore = brokenReferences(db)
      for (const migration of pending) {
        migration.up(db)
        db.pragma(`user_version = ${migration.version}`)
      }
      const brokenAfter = brokenReferences(db)
      if (brokenAfter > brokenBefore) {
        throw new Error(
          `Migrating would break ${brokenAfter - brokenBefore} references between rows; nothing was changed.`,
        )
      }
    }).immediate()
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON')
  }
  return pending.map((migration) => migration.version)
}

/**
 * Opens (creating if needed) DATA_DIR/cairn.db with Cairn's pragmas and brings the schema up to date.
 * A database written by a newer Cairn is refused before anything is written to it.
 */
export function openDatabase(dataDir: string, options: OpenOptions = {}): OpenedDatabase {
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const file = path.join(dataDir, DATABASE_FILE)
  const existingVersion = readSchemaVersion(file)
  if (existingVersion > LATEST_SCHEMA_VERSION) {
    throw new AppError(
      'FAILED_PRECONDITION',
      `The database at ${file} was written by a newer version of Cairn (schema ${existingVersion}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update Cairn to open it; the file has not been changed.`,
    )
  }
  const db = new Database(file)
  try {
    // SQLite gives the WAL and shared-memory files the database's own mode, so 0600 here covers all three.
    for (const suffix of ['', '-wal', '-shm']) chmodPrivate(file + suffix)
    const sqliteVersion = String(db.prepare('SELECT sqlite_version() AS v').pluck().get())
    if (!versionAtLeast(sqliteVersion, MINIMUM_SQLITE)) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `SQLite ${sqliteVersion} is too old; Cairn needs ${MINIMUM_SQLITE.join('.')} or newer.`,
      )
    }
    applyPragmas(db, options.busyTimeoutMs ?? 5000)
    const migrated = migrate(db)
    prepareStatistics(db)
    return {
      db,
      path: file,
      schemaVersion: Number(db.pragma('user_version', { simple: true })),
      migrated,
      readOnly: !isWritable(file),
    }
  } catch (error) {
    db.close()
    throw describeOpenFailure(error, file)
  }
}

/**
 * Gives the query planner statistics where it has none (a new, migrated, restored or imported database), as
 * SQLite recommends at open: without them the vault tree's recursive query chose a plan that took 1.9 s for
 * 2,500 documents instead of 22 ms (npm run bench:budgets). analysis_limit keeps this to milliseconds on a big
 * file. Statistics an earlier version measured of the FTS5 shadow tables are overridden (src/core/db/statistics.ts);
 * a read-only file is left as it is.
 */
function prepareStatistics(db: Database.Database): void {
  const hasStatistics =
    db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get() !== undefined
  try {
    if (hasStatistics) {
      overrideShadowTableStatistics(db)
      return
    }
    db.pragma('analysis_limit = 400')
    refreshStatistics(db, 'optimize = 0x10002')
  } catch (error) {
    if (!isReadOnlyError(error)) throw error
  }
}

/** SQLite quietly opens a file it may not write for reading only; writes then fail with SQLITE_READONLY. */
function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** SQLITE_READONLY and its extended codes: the file, folder or disk refuses writes. */
export function isReadOnlyError(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && code.startsWith('SQLITE_READONLY')
}

/** A file SQLite cannot read as a database: start-up recovery (src/core/backup/recovery.ts) looks for this. */
export class DamagedDatabaseError extends AppError {
  constructor(file: string) {
    super(
      'FAILED_PRECONDITION',
      `The file at ${file} is damaged or is not a Cairn database. Move it aside or restore a backup, then start Cairn again.`,
    )
  }
}

/** SQLITE_NOTADB or SQLITE_CORRUPT (and its extended codes): the file is not a readable database. */
function isDamagedError(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
}

/** A file SQLite cannot read as a database gets a message a person can act on, instead of INTERNAL. */
function describeOpenFailure(error: unknown, file: string): unknown {
  return isDamagedError(error) ? new DamagedDatabaseError(file) : error
}

/**
 * Copies every page of the WAL into the main file and syncs it (TRUNCATE implies FULL, then empties the log),
 * so a power cut right after loses nothing. Called at quit and after a restore or an import. Another program
 * reading the file can keep it from finishing; a checkpoint is safe to repeat, so it is tried a few times.
 * Returns false when it still could not finish: nothing is lost (the log keeps the pages), only not yet copied.
 */
export function checkpointFull(db: Database.Database, retry: BusyRetryOptions = {}): boolean {
  try {
    // SQLite's busy handler already waits busy_timeout inside each try; one more try after a pause is enough.
    retryWhenBusy(
      () => {
        const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
        if (result && result.busy !== 0)
          throw new BusyResult('The checkpoint could not finish: the file is in use.')
      },
      { attempts: 2, delayMs: 100, ...retry },
    )
    return true
  } catch (error) {
    if (isBusyError(error)) return false
    throw error
  }
}

/**
 * Flushes the WAL into the main file and closes; called at quit so a power cut right after loses nothing. A
 * close that finished its checkpoint leaves the clean-shutdown marker (src/core/db/cleanShutdown.ts).
 */
export function closeDatabase(db: Database.Database): void {
  if (!db.open) return
  let clean = false
  try {
    refreshStatistics(db)
    clean = checkpointFull(db)
    if (!clean) console.warn('[cairn] the final checkpoint could not finish; the log keeps the rest.')
  } catch (error) {
    // A read-only file cannot be checkpointed; there is nothing of ours in its WAL to lose. Damage found only
    // now (the start-up check was skipped) leaves no clean marker, so the next start checks and recovers.
    if (isDamagedError(error))
      console.error('[cairn] the database is damaged; the next start checks it:', error)
    else if (!isReadOnlyError(error)) throw error
  } finally {
    db.close()
  }
  if (clean) markCleanShutdown(db.name)
}
