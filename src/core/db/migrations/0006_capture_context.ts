import type { Migration } from './types'

/**
 * What the vision model saw in each captured frame: one row per described capture, kept apart from `captures`
 * so a frame is described at most once and the description outlives the image (retention may delete it).
 */
export const captureContext: Migration = {
  version: 6,
  name: 'capture context',
  up(db) {
    db.exec(`
      CREATE TABLE capture_contexts (
        capture_id INTEGER PRIMARY KEY REFERENCES captures(id) ON DELETE CASCADE,
        described_at INTEGER NOT NULL,
        model TEXT NOT NULL,
        app TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
      ) STRICT;
    `)
  },
}
