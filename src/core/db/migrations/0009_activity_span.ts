import type { Migration } from './types'

/**
 * The longest activity, one index seek away. "Activities overlapping [from, to)" had only one bound on
 * start_at (start_at < to), so a day's page walked the start index from the first activity ever recorded:
 * 55 ms for a day of a year of history. With the longest span known, the walk starts at from - span.
 */
export const activitySpan: Migration = {
  version: 9,
  name: 'activity span index',
  up(db) {
    db.exec(`CREATE INDEX activities_by_span ON activities(end_at - start_at);`)
  },
}
