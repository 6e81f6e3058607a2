import { HAS_CJK } from './0007_recall'
import type { Migration } from './types'

/** The text columns of each trigram-indexed table, as migration 7 left them (frozen here). */
const TEXT_COLUMNS = [
  { table: 'vaults', columns: ['title', 'content'] },
  { table: 'todos', columns: ['content'] },
  { table: 'activities', columns: ['title', 'content'] },
  { table: 'tips', columns: ['content'] },
  { table: 'messages', columns: ['content'] },
] as const

/**
 * Migration 7's trigram update triggers fired on an update of any column: moving a document (its sort order),
 * ticking a todo or finishing a message ran the CJK GLOB over the whole old and new text, and deleted and
 * re-inserted the trigrams of a row with Chinese in it, though its text had not changed. Moving a document among
 * 100 siblings cost 10 ms. They now fire only when the text they index is written.
 */
export const cjkUpdateOnText: Migration = {
  version: 10,
  name: 'trigram update triggers on text columns only',
  up(db) {
    for (const { table, columns } of TEXT_COLUMNS) {
      const text = columns.map((column) => `new.${column}`).join(" || ' ' || ")
      const oldText = text.replaceAll('new.', 'old.')
      db.exec(`
        DROP TRIGGER ${table}_cjk_update;
        CREATE TRIGGER ${table}_cjk_update AFTER UPDATE OF ${columns.join(', ')} ON ${table}
          WHEN ${oldText} ${HAS_CJK} OR ${text} ${HAS_CJK} BEGIN
          DELETE FROM ${table}_cjk WHERE rowid = old.id;
          INSERT INTO ${table}_cjk(rowid, text) SELECT new.id, ${text} WHERE ${text} ${HAS_CJK};
        END;
      `)
    }
  },
}
