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

/**
 * Deletes screenshot images older than `capture.retentionDays`, then the oldest images until the rest fit in
 * `capture.maxStorageMb`. Rows stay with image_deleted_at set, so activities that cite them keep working.
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
      let stored = statements.stored.get() ?? 0
      while (stored > budget) {
        const rows: ImageRow[] = []
        let over = stored - budget
        for (const row of statements.oldest.all(BATCH)) {
          if (over <= 0) break
          rows.push(row)
          over -= row.bytes
        }
        if (rows.length === 0) break
        bySize += rows.length
        const removed = remove(rows, now)
        freed += removed
        stored -= removed
      }
      const ticksRemoved = writeTransaction(db, () => statements.pruneTicks.run(cutoff).changes)
      return {
        retentionDays,
        maxStorageMb: budget / 1048576,
        byAge,
        bySize,
        freedBytes: freed,
        storedBytes: stored,
        ticksRemoved,
      }
    },
  }
}
