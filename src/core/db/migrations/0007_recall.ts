import type { Migration } from './types'

/** Kinds whose CJK text gets a trigram index beside the word index, and the columns it covers. */
export const CJK_TABLES = [
  { table: 'vaults', text: "new.title || ' ' || new.content" },
  { table: 'todos', text: 'new.content' },
  { table: 'activities', text: "new.title || ' ' || new.content" },
  { table: 'tips', text: 'new.content' },
  { table: 'messages', text: 'new.content' },
] as const

/**
 * A row is indexed by trigrams when it holds a CJK character (radicals, kana, ideographs: U+2E80 to U+9FFF,
 * and compatibility ideographs), so the index stays small where text is written with spaces.
 */
export const HAS_CJK = "GLOB '*[⺀-鿿豈-﫿]*'"

function cjkStatements({ table, text }: (typeof CJK_TABLES)[number]): string {
  const index = `${table}_cjk`
  const oldText = text.replaceAll('new.', 'old.')
  return `
    CREATE VIRTUAL TABLE ${index} USING fts5(text, content='', contentless_delete=1, tokenize='trigram');
    INSERT INTO ${index}(rowid, text) SELECT id, ${text.replaceAll('new.', '')} FROM ${table}
      WHERE ${text.replaceAll('new.', '')} ${HAS_CJK};
    CREATE TRIGGER ${table}_cjk_insert AFTER INSERT ON ${table} WHEN ${text} ${HAS_CJK} BEGIN
      INSERT INTO ${index}(rowid, text) VALUES (new.id, ${text});
    END;
    CREATE TRIGGER ${table}_cjk_delete AFTER DELETE ON ${table} WHEN ${oldText} ${HAS_CJK} BEGIN
      DELETE FROM ${index} WHERE rowid = old.id;
    END;
    CREATE TRIGGER ${table}_cjk_update AFTER UPDATE ON ${table}
      WHEN ${oldText} ${HAS_CJK} OR ${text} ${HAS_CJK} BEGIN
      DELETE FROM ${index} WHERE rowid = old.id;
      INSERT INTO ${index}(rowid, text) SELECT new.id, ${text} WHERE ${text} ${HAS_CJK};
    END;
  `
}

/** The text a frame's search row holds: its window, app, what OCR read and what a vision model said. */
export const SCREEN_ROW = `
  SELECT c.id, c.window_title || ' ' || coalesce(t.extra, ''), c.app_name, coalesce(t.text, ''), coalesce(x.summary, '')
  FROM captures c LEFT JOIN capture_text t ON t.capture_id = c.id LEFT JOIN capture_contexts x ON x.capture_id = c.id`

/**
 * Recall: the text read from each frame by on-device OCR (capture_text), one search index over everything a
 * frame says (screens_fts: window title, app, screen text, vision description), and trigram indexes that find
 * Chinese and Japanese words inside a run of text in the other kinds. The indexes are contentless (the text
 * lives in its table once); capture_text.text has U+200B between CJK words (Intl.Segmenter) so the word index
 * finds them, and readers strip it.
 */
export const recall: Migration = {
  version: 7,
  name: 'recall',
  up(db) {
    db.exec(`
      CREATE TABLE capture_text (
        capture_id INTEGER PRIMARY KEY REFERENCES captures(id) ON DELETE CASCADE,
        recognized_at INTEGER NOT NULL,
        languages TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        -- The window title and app, segmented like text, when they hold CJK words; else ''.
        extra TEXT NOT NULL DEFAULT '',
        -- [[word, left, top, right, bottom], ...] in image pixels, so a hit can be marked on the frame.
        words TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(words)),
        confidence REAL NOT NULL DEFAULT 0
      ) STRICT;

      CREATE VIRTUAL TABLE screens_fts USING fts5(
        title, app, text, description, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
      );
      INSERT INTO screens_fts(rowid, title, app, text, description) ${SCREEN_ROW};
      CREATE TRIGGER captures_screen_insert AFTER INSERT ON captures BEGIN
        INSERT INTO screens_fts(rowid, title, app, text, description) VALUES (new.id, new.window_title, new.app_name, '', '');
      END;
      CREATE TRIGGER captures_screen_delete AFTER DELETE ON captures BEGIN
        DELETE FROM screens_fts WHERE rowid = old.id;
      END;
      CREATE TRIGGER capture_text_screen AFTER INSERT ON capture_text BEGIN
        INSERT OR REPLACE INTO screens_fts(rowid, title, app, text, description) ${SCREEN_ROW} WHERE c.id = new.capture_id;
      END;
      CREATE TRIGGER capture_contexts_screen_insert AFTER INSERT ON capture_contexts BEGIN
        INSERT OR REPLACE INTO screens_fts(rowid, title, app, text, description) ${SCREEN_ROW} WHERE c.id = new.capture_id;
      END;
      CREATE TRIGGER capture_contexts_screen_update AFTER UPDATE ON capture_contexts BEGIN
        INSERT OR REPLACE INTO screens_fts(rowid, title, app, text, description) ${SCREEN_ROW} WHERE c.id = new.capture_id;
      END;
      ${CJK_TABLES.map(cjkStatements).join('\n')}
    `)
  },
}
