import Database from 'better-sqlite3'
import { AppError } from '../../shared/contract/errors'

export interface Verification {
  schemaVersion: number
  rowCounts: Record<string, number>
}

/** Tables that hold data (not SQLite's own, not FTS shadow tables, which are rebuilt from their content). */
export function dataTables(db: Database.Database): string[] {
  const virtual = db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")
    .pluck()
    .all()
  return db
    .prepare<[], string>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )
    .pluck()
    .all()
    .filter((name) => !virtual.some((fts) => name.startsWith(`${fts}_`)))
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`

export function countRows(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const table of dataTables(db)) {
    counts[table] = Number(
      db
        .prepare(`SELECT count(*) FROM ${quoteIdent(table)}`)
        .pluck()
        .get(),
    )
  }
  return counts
}

/**
 * Checks a copy the way SQLite's own tests do (integrity_check reads every page and index) and records what it
 * holds. The copy is switched to a rollback journal first so that it is one self-contained file.
 */
export function verifyCopy(file: string): Verification {
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('journal_mode = DELETE')
    const result = db.pragma('integrity_check', { simple: true })
    if (result !== 'ok') {
      throw new AppError('INTERNAL', `The backup copy failed its integrity check: ${String(result)}`)
    }
    return {
      schemaVersion: Number(db.pragma('user_version', { simple: true })),
      rowCounts: countRows(db),
    }
  } finally {
    db.close()
  }
}
