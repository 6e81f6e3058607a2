import type Database from 'better-sqlite3'
import { FTS_TABLES } from './migrations/0002_full_text_search'

const SHADOW_SUFFIXES = ['data', 'idx', 'docsize', 'config'] as const

/** The tables FTS5 keeps each full-text index in; only FTS5's own statements read and write them. */
export const FTS_SHADOW_TABLES: readonly string[] = FTS_TABLES.flatMap(({ table }) =>
  SHADOW_SUFFIXES.map((suffix) => `${table}_fts_${suffix}`),
)

/**
 * SQLite's row estimate for a table it has no statistics for (a LogEst of 200), written over whatever ANALYZE
 * measured of an FTS5 shadow table.
 */
export const SHADOW_TABLE_ROWS = 1_048_576

/**
 * Runs a statistics pragma (`optimize` and its variants) and then overrides what it measured of the FTS5
 * shadow tables. Measured statistics do harm there: ANALYZE on a new database records `<table>_fts_data` with
 * 2 rows, the planner then scans the whole table for FTS5's `DELETE ... WHERE id>=? AND id<=?`, and every
 * segment merge re-read the full index: on a 50,000-document vault index 25 ms per merged segment, 400-480 ms
 * for one insert in fifteen (bench/budgets/ftsTails.ts). Every statement FTS5 runs on them is a key lookup or
 * a key range, which SQLite plans as a seek when it believes the table is large, at any real size.
 */
export function refreshStatistics(db: Database.Database, pragma = 'optimize'): void {
  db.pragma(pragma)
  overrideShadowTableStatistics(db)
}

/**
 * Rewrites the row count of every FTS5 shadow table's statistics to SHADOW_TABLE_ROWS and makes this
 * connection plan with it. Deleting the rows would not do: the connection keeps the estimates it loaded
 * until it is reopened, and FTS5 prepares its statements on it.
 */
export function overrideShadowTableStatistics(db: Database.Database): number {
  const hasStatistics =
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'").get() !==
    undefined
  if (!hasStatistics) return 0
  const placeholders = FTS_SHADOW_TABLES.map(() => '?').join(', ')
  // The first number of a stat1 row is the row count; the rest (rows per key prefix, flags) stays.
  const changed = db
    .prepare(
      `UPDATE sqlite_stat1
          SET stat = '${SHADOW_TABLE_ROWS}' || CASE WHEN instr(stat, ' ') > 0 THEN substr(stat, instr(stat, ' ')) ELSE '' END
        WHERE tbl IN (${placeholders})
          AND CAST(stat AS INTEGER) <> ${SHADOW_TABLE_ROWS}`,
    )
    .run(...FTS_SHADOW_TABLES).changes
  // ANALYZE sqlite_schema reads sqlite_stat1 again without measuring anything.
  if (changed > 0) db.exec('ANALYZE sqlite_schema')
  return changed
}
