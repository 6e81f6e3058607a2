import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DATABASE_FILE, closeDatabase, migrate, openDatabase } from '../../src/core/db/open'
import { FTS_SHADOW_TABLES, SHADOW_TABLE_ROWS } from '../../src/core/db/statistics'
import { databaseOptimizeJob } from '../../src/core/jobs/databaseOptimize'
import { readDatabase } from '../support/core'
import { tempDir } from '../support/tempDir'

/** How SQLite would run the range delete FTS5 issues for every segment it merges away. */
const segmentDeletePlan = (db: Database.Database): string =>
  db
    .prepare<[], { detail: string }>(
      'EXPLAIN QUERY PLAN SELECT block FROM vaults_fts_data WHERE id >= 137438953472 AND id <= 274877906943',
    )
    .all()
    .map((row) => row.detail)
    .join('; ')

/** The FTS5 shadow tables whose statistics claim fewer rows than SQLite assumes of a table it knows nothing of. */
const smallShadowTables = (db: Database.Database): string[] =>
  db
    .prepare<[], { tbl: string; stat: string }>('SELECT tbl, stat FROM sqlite_stat1 ORDER BY tbl')
    .all()
    .filter((row) => FTS_SHADOW_TABLES.includes(row.tbl) && parseInt(row.stat, 10) < SHADOW_TABLE_ROWS)
    .map((row) => row.tbl)

/** A database as an earlier Cairn left it: analysed while empty, so FTS5's data tables are recorded with 2 rows. */
function databaseAnalysedWhileEmpty(dir: string): string {
  const file = path.join(dir, DATABASE_FILE)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  migrate(db)
  db.prepare("INSERT INTO todos (content, created_at, updated_at) VALUES ('water the plants', 1, 1)").run()
  db.exec('ANALYZE')
  db.close()
  return file
}

describe('planner statistics', () => {
  it('a new database does not believe its FTS5 shadow tables are small, so segment deletes seek by key', () => {
    const opened = openDatabase(tempDir())
    try {
      expect(smallShadowTables(opened.db)).toEqual([])
      expect(segmentDeletePlan(opened.db)).toMatch(/SEARCH vaults_fts_data USING INTEGER PRIMARY KEY/)
    } finally {
      closeDatabase(opened.db)
    }
  })

  it('overrides the shadow tables’ statistics an earlier version measured and keeps the rest', () => {
    const dir = tempDir()
    const file = databaseAnalysedWhileEmpty(dir)
    const before = readDatabase(file, (db) => ({
      small: smallShadowTables(db),
      plan: segmentDeletePlan(db),
    }))
    expect(before.small).toContain('vaults_fts_data')
    expect(before.plan).toMatch(/SCAN vaults_fts_data/)

    const opened = openDatabase(dir)
    try {
      expect(smallShadowTables(opened.db)).toEqual([])
      expect(segmentDeletePlan(opened.db)).toMatch(/SEARCH vaults_fts_data/)
      const todoStatistics = opened.db
        .prepare("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'todos'")
        .pluck()
        .get()
      expect(todoStatistics).toBeGreaterThan(0)
    } finally {
      closeDatabase(opened.db)
    }
  })

  it('the optimize job and the quit leave no small shadow-table estimates behind', () => {
    const dir = tempDir()
    const opened = openDatabase(dir)
    const { db } = opened
    db.exec('ANALYZE')
    expect(smallShadowTables(db)).toContain('vaults_fts_data')
    void databaseOptimizeJob(db).run(Date.now())
    expect(smallShadowTables(db)).toEqual([])
    expect(segmentDeletePlan(db)).toMatch(/SEARCH vaults_fts_data/)

    db.exec('ANALYZE')
    closeDatabase(db)
    expect(readDatabase(path.join(dir, DATABASE_FILE), smallShadowTables)).toEqual([])
  })
})
