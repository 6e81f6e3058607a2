import type { Migration } from './types'

/** Content tables, monitoring buckets, settings and job history. Full-text indexes come in 0002. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE vaults (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
        parent_id INTEGER REFERENCES vaults(id) ON DELETE CASCADE,
        is_folder INTEGER NOT NULL DEFAULT 0 CHECK (is_folder IN (0, 1)),
        is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1)),
        deleted_at INTEGER,
        document_type TEXT NOT NULL DEFAULT 'note' CHECK (document_type <> ''),
        sort_order INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX vaults_by_parent ON vaults(parent_id, is_deleted, sort_order);
      CREATE INDEX vaults_by_updated ON vaults(is_deleted, updated_at);
      CREATE INDEX vaults_by_type ON vaults(document_type, created_at);

      CREATE TABLE activities (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        resources TEXT NOT NULL DEFAULT '{"screenshots":[],"urls":[]}' CHECK (json_valid(resources)),
        metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL CHECK (end_at >= start_at),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX activities_by_start ON activities(start_at);
      CREATE INDEX activities_by_end ON activities(end_at);

      CREATE TABLE todos (
        id INTEGER PRIMARY KEY,
        content TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        urgency INTEGER NOT NULL DEFAULT 0 CHECK (urgency BETWEEN 0 AND 3),
        assignee TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        due_at INTEGER,
        start_at INTEGER,
        end_at INTEGER,
        source_activity_id INTEGER REFERENCES activities(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX todos_by_status ON todos(status, urgency DESC, due_at);
      CREATE INDEX todos_by_due ON todos(due_at) WHERE due_at IS NOT NULL;
      CREATE INDEX todos_by_source ON todos(source_activity_id) WHERE source_activity_id IS NOT NULL;

      CREATE TABLE tips (
        id INTEGER PRIMARY KEY,
        content TEXT NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
        created_at INTEGER NOT NULL,
        dismissed_at INTEGER
      ) STRICT;
      CREATE INDEX tips_by_feed ON tips(dismissed_at, created_at);

      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'deleted')),
        metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX conversations_by_recent ON conversations(status, updated_at DESC, id DESC);

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
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
        completed_at INTEGER
      ) STRICT;
      -- "The last N messages of a conversation" walks this index backwards.
      CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
      CREATE INDEX messages_by_parent ON messages(parent_message_id) WHERE parent_message_id IS NOT NULL;
      CREATE INDEX messages_unfinished ON messages(status) WHERE status IN ('pending', 'streaming');

      CREATE TABLE message_thinking (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        progress REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        sequence INTEGER NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
        created_at INTEGER NOT NULL,
        UNIQUE (message_id, sequence)
      ) STRICT;

      CREATE TABLE monitoring_token_usage (
        id INTEGER PRIMARY KEY,
        time_bucket INTEGER NOT NULL CHECK (time_bucket % 3600000 = 0),
        model TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        total_tokens INTEGER NOT NULL DEFAULT 0,
        request_count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (time_bucket, model)
      ) STRICT;

      CREATE TABLE monitoring_stage_timing (
        id INTEGER PRIMARY KEY,
        time_bucket INTEGER NOT NULL CHECK (time_bucket % 3600000 = 0),
        stage_name TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 0,
        total_duration_ms INTEGER NOT NULL DEFAULT 0,
        min_duration_ms INTEGER NOT NULL DEFAULT 0,
        max_duration_ms INTEGER NOT NULL DEFAULT 0,
        success_count INTEGER NOT NULL DEFAULT 0,
        error_count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (time_bucket, stage_name)
      ) STRICT;

      CREATE TABLE monitoring_data_stats (
        id INTEGER PRIMARY KEY,
        time_bucket INTEGER NOT NULL CHECK (time_bucket % 3600000 = 0),
        data_type TEXT NOT NULL,
        context_type TEXT NOT NULL DEFAULT '',
        count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (time_bucket, data_type, context_type)
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE job_runs (
        id INTEGER PRIMARY KEY,
        job_name TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
        result TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(result)),
        error TEXT
      ) STRICT;
      CREATE INDEX job_runs_by_job ON job_runs(job_name, id);
    `)
  },
}
