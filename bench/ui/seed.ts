import { closeDatabase, openDatabase } from '../../src/core/db/open'
import { DAY_MS } from '../../src/shared/time'

const WORDS = [
  'design',
  'review',
  'otter',
  'invoice',
  'kelp',
  'deploy',
  'meeting',
  'draft',
  'report',
  'budget',
]

function phrase(index: number, length: number): string {
  const words: string[] = []
  for (let at = 0; at < length; at += 1) words.push(WORDS[(index * 7 + at * 3) % WORDS.length] ?? 'work')
  return words.join(' ')
}

/**
 * Fills a data folder through the core's own schema (openDatabase runs the migrations; the FTS triggers
 * stay on), bypassing the contract only for speed: `activities` all fall on the day starting at `day`,
 * so the Timeline's one day holds them all, and `todos` are open with mixed urgency.
 */
export function seedUi(dataDir: string, counts: { activities: number; todos: number; day: number }): void {
  const { db } = openDatabase(dataDir)
  try {
    const step = Math.floor(DAY_MS / counts.activities)
    const activity = db.prepare(
      'INSERT INTO activities (title, content, start_at, end_at, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    const todo = db.prepare(
      'INSERT INTO todos (content, urgency, due_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    )
    db.transaction(() => {
      for (let index = 0; index < counts.activities; index += 1) {
        const startAt = counts.day + index * step
        activity.run(
          `Activity ${index}: ${phrase(index, 3)}`,
          phrase(index, 12),
          startAt,
          startAt + step,
          startAt,
        )
      }
      for (let index = 0; index < counts.todos; index += 1) {
        const at = counts.day - index * 1000
        todo.run(
          `Todo ${index}: ${phrase(index, 5)}`,
          index % 4,
          index % 3 === 0 ? counts.day + (index % 30) * DAY_MS : null,
          at,
          at,
        )
      }
    })()
  } finally {
    closeDatabase(db)
  }
}
