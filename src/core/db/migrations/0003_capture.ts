import type { Migration } from './types'

/**
 * Screen capture: one row per stored frame (the image lives under DATA_DIR/captures/) and one row per capture
 * tick with what happened, so gaps in the record can be explained (paused, excluded, failed...).
 */
export const capture: Migration = {
  version: 3,
  name: 'capture',
  up(db) {
    db.exec(`
      CREATE TABLE captures (
        id INTEGER PRIMARY KEY,
        captured_at INTEGER NOT NULL,
        display_id TEXT NOT NULL,
        path TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'webp')),
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        phash TEXT NOT NULL CHECK (length(phash) = 16),
        app_name TEXT NOT NULL DEFAULT '',
        window_title TEXT NOT NULL DEFAULT '',
        -- Set when retention removed the image; the row stays so activities that cite it keep working.
        image_deleted_at INTEGER
      ) STRICT;
      CREATE INDEX captures_by_time ON captures(captured_at);
      CREATE INDEX captures_by_display ON captures(display_id, captured_at);
      CREATE INDEX captures_with_image ON captures(captured_at) WHERE image_deleted_at IS NULL;

      CREATE TABLE capture_ticks (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        display_id TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL CHECK (outcome IN ('captured', 'unchanged', 'excluded', 'paused', 'failed')),
        reason TEXT NOT NULL DEFAULT '',
        capture_id INTEGER REFERENCES captures(id) ON DELETE SET NULL
      ) STRICT;
      CREATE INDEX capture_ticks_by_time ON capture_ticks(at);
      CREATE INDEX capture_ticks_by_capture ON capture_ticks(capture_id) WHERE capture_id IS NOT NULL;
    `)
  },
}
