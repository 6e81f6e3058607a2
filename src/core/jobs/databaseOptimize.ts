import type Database from 'better-sqlite3'
import { HOUR_MS } from '../platform/clock'
import { refreshStatistics } from '../db/statistics'
import type { JobDefinition } from './scheduler'

interface CheckpointRow {
  busy: number
  log: number
  checkpointed: number
}

/**
 * Keeps the query planner's statistics fresh (PRAGMA optimize, as SQLite recommends for long-lived
 * connections) and folds the write-ahead log back into the database without blocking writers.
 */
export function databaseOptimizeJob(db: Database.Database): JobDefinition {
  return {
    name: 'database.optimize',
    description: 'Refreshes query statistics and checkpoints the write-ahead log.',
    intervalMs: 6 * HOUR_MS,
    runAtStartup: false,
    run() {
      refreshStatistics(db)
      const [checkpoint] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[]
      return {
        walFrames: checkpoint?.log ?? 0,
        checkpointedFrames: checkpoint?.checkpointed ?? 0,
        busy: checkpoint?.busy === 1,
      }
    },
  }
}
