import type { Migration } from './types'

/**
 * A durable queue for background AI work (frames to describe, summaries, todo extraction, tips, daily reports).
 * UNIQUE (kind, dedupe_key) makes enqueueing idempotent: the same day's report can be asked for many times and
 * exists once.
 */
export const workQueue: Migration = {
  version: 4,
  name: 'work queue',
  up(db) {
    db.exec(`
      CREATE TABLE work_items (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind <> ''),
        dedupe_key TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
        last_error TEXT NOT NULL DEFAULT '',
        result TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(result)),
        run_after INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER,
        UNIQUE (kind, dedupe_key)
      ) STRICT;
      CREATE INDEX work_items_due ON work_items(run_after, id) WHERE status = 'queued';
      CREATE INDEX work_items_by_status ON work_items(status, updated_at);
    `)
  },
}
