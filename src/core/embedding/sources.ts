import type Database from 'better-sqlite3'
import type { SearchHit, SearchKind } from '../../shared/contract/domains/search'
import { SEARCH_KINDS } from '../../shared/contract/domains/search'
import { EMBEDDED_CHARS } from '../chat/rerank'
import { stripWordJoiners } from '../ocr/segment'
import { stripMarkdown } from '../services/searchText'

/** Where a kind's walk stopped: the last (version, id) embedded or skipped. */
export interface Cursor {
  version: number
  id: number
}

interface SourceRow {
  id: number
  version: number
  title: string
  body: string
  created_at: number
  conversation_id: number | null
  /** 1 while the item is still being written (an answer streaming, a frame waiting for OCR). */
  held: number
  /** The text to show, where it differs from what is embedded (a todo's status is embedded, not shown). */
  shown?: string
}

export interface SourceItem {
  hit: SearchHit
  /** What is sent to the embedding model: the same text chat embeds of the item, so the two share vectors. */
  text: string
  cursor: Cursor
}

/**
 * For each kind: the items after a cursor, in the order of their version (the time of their last change where
 * the item can change, else its id), and how many items there are. Changed items come round again because
 * their version moves past the cursor; the text hash then decides whether the stored vector is still good.
 */
const SOURCES: Record<SearchKind, { rows: string; count: string; latest: string }> = {
  vault: {
    rows: `SELECT id, updated_at AS version, title, coalesce(nullif(content, ''), summary) AS body, created_at,
             NULL AS conversation_id, 0 AS held
           FROM vaults WHERE is_deleted = 0 AND is_folder = 0 AND (updated_at > @version OR (updated_at = @version AND id > @id))
           ORDER BY updated_at, id LIMIT @limit`,
    count: 'SELECT count(*) FROM vaults WHERE is_deleted = 0 AND is_folder = 0',
    latest: 'SELECT max(updated_at) FROM vaults',
  },
  todo: {
    rows: `SELECT id, updated_at AS version, substr(content, 1, 120) AS title, content || ' (' || status || ')' AS body,
             content AS shown, created_at, NULL AS conversation_id, 0 AS held
           FROM todos WHERE updated_at > @version OR (updated_at = @version AND id > @id)
           ORDER BY updated_at, id LIMIT @limit`,
    count: 'SELECT count(*) FROM todos',
    latest: 'SELECT max(updated_at) FROM todos',
  },
  activity: {
    rows: `SELECT id, id AS version, title, content AS body, created_at, NULL AS conversation_id, 0 AS held
           FROM activities WHERE id > @id ORDER BY id LIMIT @limit`,
    count: 'SELECT count(*) FROM activities',
    latest: 'SELECT max(id) FROM activities',
  },
  tip: {
    rows: `SELECT id, id AS version, substr(content, 1, 120) AS title, content AS body, created_at,
             NULL AS conversation_id, 0 AS held
           FROM tips WHERE id > @id AND dismissed_at IS NULL ORDER BY id LIMIT @limit`,
    count: 'SELECT count(*) FROM tips WHERE dismissed_at IS NULL',
    latest: 'SELECT max(id) FROM tips',
  },
  // Messages are many and only change while they stream: walked by id, stopping at one still being written.
  message: {
    rows: `SELECT t.id, t.id AS version, coalesce(nullif(c.title, ''), 'Conversation ' || c.id) AS title,
             t.content AS body, t.created_at, t.conversation_id, t.status IN ('pending', 'streaming') AS held
           FROM messages t CROSS JOIN conversations c
           WHERE t.id > @id AND c.id = t.conversation_id AND c.status <> 'deleted' ORDER BY t.id LIMIT @limit`,
    count: `SELECT count(*) FROM messages t CROSS JOIN conversations c
            WHERE c.id = t.conversation_id AND c.status <> 'deleted'`,
    latest: 'SELECT max(id) FROM messages',
  },
  conversation: {
    rows: `SELECT id, updated_at AS version, title, title AS body, created_at, id AS conversation_id, 0 AS held
           FROM conversations WHERE status <> 'deleted' AND title <> ''
             AND (updated_at > @version OR (updated_at = @version AND id > @id))
           ORDER BY updated_at, id LIMIT @limit`,
    count: "SELECT count(*) FROM conversations WHERE status <> 'deleted' AND title <> ''",
    latest: 'SELECT max(updated_at) FROM conversations',
  },
  // A frame is embedded with the text read from it, so it waits while its OCR is queued.
  screen: {
    rows: `SELECT c.id, c.id AS version, c.window_title || char(10) || c.app_name AS title,
             coalesce(nullif(x.summary, ''), t.text, '') AS body, c.captured_at AS created_at,
             NULL AS conversation_id,
             EXISTS (SELECT 1 FROM work_items w WHERE w.kind = 'ocr' AND w.dedupe_key = CAST(c.id AS TEXT)
                     AND w.status IN ('queued', 'running')) AS held
           FROM captures c LEFT JOIN capture_text t ON t.capture_id = c.id
             LEFT JOIN capture_contexts x ON x.capture_id = c.id
           WHERE c.id > @id ORDER BY c.id LIMIT @limit`,
    count: 'SELECT count(*) FROM captures',
    latest: 'SELECT max(id) FROM captures',
  },
}

const SNIPPET_CHARS = 200

function toItem(kind: SearchKind, row: SourceRow): SourceItem {
  const body = stripWordJoiners(row.body)
  const title =
    kind === 'screen'
      ? row.title.split('\n').filter(Boolean).join(' — ')
      : stripMarkdown(stripWordJoiners(row.title))
  return {
    hit: {
      kind,
      id: row.id,
      title,
      snippet: stripMarkdown(stripWordJoiners(row.shown ?? row.body))
        .trim()
        .slice(0, SNIPPET_CHARS),
      highlights: [],
      createdAt: row.created_at,
      conversationId: row.conversation_id,
    },
    // The same composition as chat's rankByMeaning, so a vector either of them stored serves both.
    text: `${title}\n${body.slice(0, EMBEDDED_CHARS)}`,
    cursor: { version: row.version, id: row.id },
  }
}

export class EmbeddingSources {
  private readonly rows
  private readonly counts
  private readonly latest

  constructor(db: Database.Database) {
    this.rows = Object.fromEntries(
      SEARCH_KINDS.map((kind) => [
        kind,
        db.prepare<[{ version: number; id: number; limit: number }], SourceRow>(SOURCES[kind].rows),
      ]),
    ) as Record<SearchKind, Database.Statement<[{ version: number; id: number; limit: number }], SourceRow>>
    this.latest = Object.fromEntries(
      SEARCH_KINDS.map((kind) => [kind, db.prepare<[], number | null>(SOURCES[kind].latest).pluck()]),
    ) as Record<SearchKind, Database.Statement<[], number | null>>
    this.counts = SEARCH_KINDS.map((kind) => db.prepare<[], number>(SOURCES[kind].count).pluck())
  }

  /** Up to `limit` items of `kind` after `cursor`, stopping before the first one still being written. */
  after(kind: SearchKind, cursor: Cursor, limit: number): SourceItem[] {
    const items: SourceItem[] = []
    for (const row of this.rows[kind].all({ ...cursor, limit })) {
      if (row.held) break
      items.push(toItem(kind, row))
    }
    return items
  }

  /**
   * Whether a cursor lies beyond every item of its kind: the database was restored from an older backup or
   * replaced, and new items may take ids the walk has passed already. The walk then starts that kind over
   * (the text hashes keep it from embedding anything twice).
   */
  beyondData(kind: SearchKind, cursor: Cursor): boolean {
    return cursor.version > (this.latest[kind].get() ?? -1)
  }

  /** How many items of every kind there are to embed. */
  total(): number {
    return this.counts.reduce((sum, count) => sum + (count.get() ?? 0), 0)
  }
}
