import type Database from 'better-sqlite3'
import type { FrameText } from '../../shared/contract/domains/capture'
import { stripWordJoiners } from './segment'
import { LONGEST_SPAN } from '../services/activities'

interface TextRow {
  text: string
  words: string
  captured_at: number
}

/** What a frame says beside its picture: the text OCR read, its word boxes, and the activity it belongs to. */
export class FrameTextQueries {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      text: db.prepare<[number], TextRow>(
        'SELECT t.text, t.words, c.captured_at FROM captures c JOIN capture_text t ON t.capture_id = c.id WHERE c.id = ?',
      ),
      capturedAt: db.prepare<[number], number>('SELECT captured_at FROM captures WHERE id = ?').pluck(),
      // Bounded below by the longest span: a frame no activity covers would otherwise walk all of history.
      activity: db.prepare<{ at: number }, { id: number; title: string }>(
        `SELECT id, title FROM activities WHERE start_at >= @at - ${LONGEST_SPAN} AND start_at <= @at AND end_at >= @at
         ORDER BY start_at DESC, id DESC LIMIT 1`,
      ),
    }
  }

  of(captureId: number): FrameText {
    const row = this.statements.text.get(captureId)
    const capturedAt = row?.captured_at ?? this.statements.capturedAt.get(captureId)
    const activity = capturedAt === undefined ? undefined : this.statements.activity.get({ at: capturedAt })
    return {
      ...(row
        ? {
            text: stripWordJoiners(row.text),
            words: (JSON.parse(row.words) as [string, number, number, number, number][]).map(
              ([word, ...box]) =>
                [stripWordJoiners(word), ...box] as [string, number, number, number, number],
            ),
          }
        : {}),
      ...(activity ? { activity } : {}),
    }
  }
}
