import type { Migration } from './types'

const COLUMNS =
  'id, conversation_id, parent_message_id, role, content, status, token_count, latency_ms, error_message, metadata, created_at, updated_at, completed_at'

/**
 * Messages stored in conversation order: a WITHOUT ROWID table keyed by (conversation_id, id), so the last page
 * of a conversation is one range of neighbouring pages instead of one lookup per row in a table ordered by id.
 * At 1M messages the last 200 took 0.32–0.45 ms in bare SQLite before, 0.20 ms after; the alternative, an index
 * holding every column, read as fast but made each insert 4× slower and the file 70 % bigger
 * (`npx tsx bench/layouts.ts`, docs/PERFORMANCE.md).
 *
 * Ids do not change: they are copied, and a unique index on id keeps every lookup by id (messages.get, the
 * thinking steps and parent links that reference messages(id), FTS5's content reads) one seek. A WITHOUT ROWID
 * table assigns no id itself, so the insert takes max(id) + 1 from that index: the id SQLite would have picked.
 * The full-text and trigram indexes hold ids, not text, so they stay as they are; the triggers that keep them
 * in step are dropped with the old table and put back word for word. migrate() turns foreign keys off for the
 * copy (dropping the old table would otherwise delete every thinking step) and checks them before committing.
 */
export const messagesByConversation: Migration = {
  version: 8,
  name: 'messages by conversation',
  up(db) {
    const triggers = db
      .prepare<[], string>(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'messages' ORDER BY name",
      )
      .pluck()
      .all()
    db.exec(`
      CREATE TABLE messages_rebuilt (
        id INTEGER NOT NULL,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        parent_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
        content TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('pending', 'streaming', 'completed', 'failed', 'interrupted')),
        token_count INTEGER NOT NULL DEFAULT 0,
        latency_ms INTEGER,
        error_message TEXT NOT NULL DEFAULT '',
        metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        completed_at INTEGER,
        PRIMARY KEY (conversation_id, id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO messages_rebuilt (${COLUMNS})
        SELECT ${COLUMNS} FROM messages ORDER BY conversation_id, id;
      DROP TABLE messages;
      ALTER TABLE messages_rebuilt RENAME TO messages;
      CREATE UNIQUE INDEX messages_by_id ON messages(id);
      CREATE INDEX messages_by_parent ON messages(parent_message_id) WHERE parent_message_id IS NOT NULL;
      CREATE INDEX messages_unfinished ON messages(status) WHERE status IN ('pending', 'streaming');
    `)
    for (const trigger of triggers) db.exec(trigger)
    // Dropping the table dropped its statistics; without any the planner still seeks, but keep them complete.
    const hasStatistics = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get()
    if (hasStatistics === undefined) return
    const limit = Number(db.pragma('analysis_limit', { simple: true }))
    db.pragma('analysis_limit = 400')
    db.exec('ANALYZE messages')
    db.pragma(`analysis_limit = ${limit}`)
  },
}
