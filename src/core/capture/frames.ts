import type Database from 'better-sqlite3'

export interface FrameRow {
  id: number
  captured_at: number
  path: string
  format: 'jpeg' | 'png' | 'webp'
  app_name: string
  window_title: string
  image_deleted_at: number | null
}

export interface DescribedFrame {
  id: number
  captured_at: number
  path: string
  app_name: string
  window_title: string
  summary: string | null
}

export interface FrameDescription {
  model: string
  app: string
  summary: string
  details: Record<string, unknown>
}

/**
 * The captured frames and what the vision model said of them (captures, capture_contexts), as the AI work
 * reads and writes them: its processors and `ai.status` go through here instead of their own SQL.
 */
export class CaptureFrames {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      get: db.prepare<[number], FrameRow>(
        'SELECT id, captured_at, path, format, app_name, window_title, image_deleted_at FROM captures WHERE id = ?',
      ),
      describe: db.prepare(
        `INSERT INTO capture_contexts (capture_id, described_at, model, app, summary, details)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (capture_id) DO NOTHING`,
      ),
      described: db.prepare<[number, number], DescribedFrame>(
        `SELECT c.id, c.captured_at, c.path, c.app_name, c.window_title, x.summary
         FROM captures c LEFT JOIN capture_contexts x ON x.capture_id = c.id
         WHERE c.captured_at >= ? AND c.captured_at < ? ORDER BY c.captured_at`,
      ),
      todoHints: db
        .prepare<[number, number, number], string>(
          `SELECT DISTINCT j.value FROM captures c JOIN capture_contexts x ON x.capture_id = c.id,
             json_each(x.details, '$.todos') j
           WHERE c.captured_at >= ? AND c.captured_at < ? LIMIT ?`,
        )
        .pluck(),
      count: db
        .prepare<[number, number], number>(
          'SELECT count(*) FROM captures WHERE captured_at >= ? AND captured_at < ?',
        )
        .pluck(),
      undescribed: db
        .prepare<[number], number>(
          `SELECT count(*) FROM captures c WHERE c.captured_at >= ? AND c.image_deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM capture_contexts x WHERE x.capture_id = c.id)`,
        )
        .pluck(),
    }
  }

  find(id: number): FrameRow | undefined {
    return this.statements.get.get(id)
  }

  /** Keeps the first description of a frame; a later one for the same frame changes nothing. */
  describe(captureId: number, at: number, description: FrameDescription): void {
    const { model, app, summary, details } = description
    this.statements.describe.run(captureId, at, model, app, summary, JSON.stringify(details))
  }

  /** The frames of [from, to) with their description, when they have one, oldest first. */
  describedIn(from: number, to: number): DescribedFrame[] {
    return this.statements.described.all(from, to)
  }

  /** Distinct todos the vision model saw on screen in [from, to). */
  todoHints(from: number, to: number, limit: number): string[] {
    return this.statements.todoHints.all(from, to, limit)
  }

  countIn(from: number, to: number): number {
    return this.statements.count.get(from, to) ?? 0
  }

  /** Frames since `since` whose image is still there and that no description covers yet. */
  undescribedSince(since: number): number {
    return this.statements.undescribed.get(since) ?? 0
  }
}
