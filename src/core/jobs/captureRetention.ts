import type Database from 'better-sqlite3'
import { DAY_MS, HOUR_MS } from '../platform/clock'
import { removeImage } from '../capture/imageStore'
import type { SettingsService } from '../services/settings'
import { writeTransaction } from '../services/sql'
import type { JobDefinition } from './scheduler'

interface ImageRow {
  id: number
  path: string
  bytes: number
}

/** Images deleted per transaction: a first run over months of frames must not hold the writer for long. */
const BATCH = 500

/** Days that are never thinned: the recent past keeps every frame until whole days have to go. */
export const THIN_AFTER_DAYS = 7
/**
 * Frames an hour kept in older days, step by step, while the store is over budget: one a minute, one every
 * three, every ten, every half hour, then one an hour. Each step keeps the first frame of each slot.
 */
export const THINNING_STEPS = [60, 20, 6, 2, 1] as const

/**
 * Deletes screenshot images older than `capture.retentionDays`; then, while the rest do not fit in
 * `capture.maxStorageMb`, thins days older than a week (fewer frames an hour, step by step, oldest first), and only
 * then deletes the oldest images. Rows stay with image_deleted_at set, so activities that cite them keep working.
 * Ticks older than the retention are deleted too: a gap that old has nothing left to explain.
 */
export function captureRetentionJob(
  db: Database.Database,
  dataDir: string,
  settings: SettingsService,
): JobDefinition {
  const statements = {
    older: db.prepare<[number, number], ImageRow>(
      'SELECT id, path, bytes FROM captures WHERE image_deleted_at IS NULL AND captured_at < ? ORDER BY captured_at, id LIMIT ?',
    ),
    oldest: db.prepare<[number], ImageRow>(
      'SELECT id, path, bytes FROM captures WHERE image_deleted_at IS NULL ORDER BY captured_at, id LIMIT ?',
    ),
    stored: db
      .prepare<[], number>('SELECT coalesce(sum(bytes), 0) FROM captures WHERE image_deleted_at IS NULL')
      .pluck(),
    /** Stored frames older than the cutoff that are not the first still stored in their slot of the hour. */
    thinnable: db.prepare<[{ before: number; slot: number; limit: number }], ImageRow>(
      `SELECT id, path, bytes FROM captures
        WHERE image_deleted_at IS NULL AND captured_at < @before
          AND id NOT IN (SELECT min(id) FROM captures WHERE image_deleted_at IS NULL AND captured_at < @before
                          GROUP BY display_id, captured_at / CAST(@slot AS INTEGER))
        ORDER BY captured_at, id LIMIT @limit`,
    ),
    mark: db.prepare<[number, number]>('UPDATE captures SET image_deleted_at = ? WHERE id = ?'),
    pruneTicks: db.prepare<[number]>('DELETE FROM capture_ticks WHERE at < ?'),
  }
  // The row is marked first: a crash between the two leaves an orphan file, never a row pointing at nothing.
  const remove = (rows: ImageRow[], now: number): number => {
    writeTransaction(db, () => {
      for (const row of rows) statements.mark.run(now, row.id)
    })
    for (const row of rows) removeImage(dataDir, row.path)
    return rows.reduce((total, row) => total + row.bytes, 0)
  }
  return {
    name: 'capture.retention',
    description: 'Deletes screenshot images past the retention days or over the storage budget (rows stay).',
    intervalMs: HOUR_MS,
    runAtStartup: true,
    run(now) {
      const retentionDays = settings.value('capture.retentionDays')
      const budget = settings.value('capture.maxStorageMb') * 1024 * 1024
      const cutoff = now - retentionDays * DAY_MS
      let byAge = 0
      let freed = 0
      for (
        let rows = statements.older.all(cutoff, BATCH);
        rows.length > 0;
        rows = statements.older.all(cutoff, BATCH)
      ) {
        byAge += rows.length
        freed += remove(rows, now)
      }
      let bySize = 0
      let thinned = 0
      let stored = statements.stored.get() ?? 0
      // Takes images from `candidates` (a batch at a time) until the store is within budget; returns how many.
      const shed = (candidates: () => Iterable<ImageRow>): number => {
        let count = 0
        while (stored > budget) {
          const rows: ImageRow[] = []
          let over = stored - budget
          for (const row of candidates()) {
            if (over <= 0) break
            rows.push(row)
            over -= row.bytes
          }
          if (rows.length === 0) break
          count += rows.length
          const removed = remove(rows, now)
          freed += removed
          stored -= removed
        }
        return count
      }
      // Over budget: older days first keep fewer frames an hour, the oldest thinned first, before any day goes.
      const thinBefore = now - THIN_AFTER_DAYS * DAY_MS
      for (const perHour of THINNING_STEPS) {
        const slot = Math.floor(HOUR_MS / perHour)
        thinned += shed(() => statements.thinnable.all({ before: thinBefore, slot, limit: BATCH }))
      }
      bySize += shed(() => statements.oldest.all(BATCH))
      const ticksRemoved = writeTransaction(db, () => statements.pruneTicks.run(cutoff).changes)
      return {
        retentionDays,
        maxStorageMb: budget / 1048576,
        byAge,
        thinned,
        bySize,
        freedBytes: freed,
        storedBytes: stored,
        ticksRemoved,
      }
    },
  }
}
