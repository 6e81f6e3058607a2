import type { Migration } from './types'

/**
 * Why a work item waits or failed, as a note (code and params, JSON) beside the English of last_error, so a
 * window says it in its own language. NULL for items without a note and for every item written before.
 * What it holds is checked where it is read and where it is imported, not here: a CHECK would make one bad
 * value fail the whole queue's writes.
 */
export const workItemNotes: Migration = {
  version: 11,
  name: 'work item notes',
  up(db) {
    db.exec(`ALTER TABLE work_items ADD COLUMN last_note TEXT;`)
  },
}
