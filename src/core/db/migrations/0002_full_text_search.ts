import type { Migration } from './types'

interface IndexedTable {
  table: string
  columns: string[]
}

/** Tables searched by search.query; each gets an external-content FTS5 index kept in sync by triggers. */
export const FTS_TABLES: IndexedTable[] = [
  { table: 'vaults', columns: ['title', 'content'] },
  { table: 'todos', columns: ['content'] },
  { table: 'activities', columns: ['title', 'content'] },
  { table: 'tips', columns: ['content'] },
  { table: 'messages', columns: ['content'] },
]

function ftsStatements({ table, columns }: IndexedTable): string {
  const fts = `${table}_fts`
  const list = columns.join(', ')
  const newValues = columns.map((column) => `new.${column}`).join(', ')
  const oldValues = columns.map((column) => `old.${column}`).join(', ')
  return `
    CREATE VIRTUAL TABLE ${fts} USING fts5(
      ${list}, content='${table}', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO ${fts}(${fts}) VALUES ('rebuild');
    CREATE TRIGGER ${table}_fts_insert AFTER INSERT ON ${table} BEGIN
      INSERT INTO ${fts}(rowid, ${list}) VALUES (new.id, ${newValues});
    END;
    CREATE TRIGGER ${table}_fts_delete AFTER DELETE ON ${table} BEGIN
      INSERT INTO ${fts}(${fts}, rowid, ${list}) VALUES ('delete', old.id, ${oldValues});
    END;
    CREATE TRIGGER ${table}_fts_update AFTER UPDATE OF ${list} ON ${table} BEGIN
      INSERT INTO ${fts}(${fts}, rowid, ${list}) VALUES ('delete', old.id, ${oldValues});
      INSERT INTO ${fts}(rowid, ${list}) VALUES (new.id, ${newValues});
    END;
  `
}

export const fullTextSearch: Migration = {
  version: 2,
  name: 'full-text search',
  up(db) {
    db.exec(FTS_TABLES.map(ftsStatements).join('\n'))
  },
}
