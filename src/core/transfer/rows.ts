import type Database from 'better-sqlite3'
import fs from 'node:fs'
import { AppError } from '../../shared/contract/errors'
import { quoteIdent } from '../backup/verify'

export interface TableShape {
  columns: string[]
  /**
   * The columns that name a row, in key order: the primary key (the rowid alias `id` for most tables), or `id`
   * alone where the key only orders rows by something else and a unique index makes id a row's name (messages
   * are keyed by (conversation_id, id) since migration 8). Exports are ordered by it and imports match on it.
   */
  key: string[]
}

function hasUniqueIndexOn(db: Database.Database, table: string, column: string): boolean {
  const indexes = db.pragma(`index_list(${quoteIdent(table)})`) as {
    name: string
    unique: number
    partial: number
  }[]
  return indexes.some((index) => {
    if (index.unique !== 1 || index.partial === 1) return false
    const columns = db.pragma(`index_info(${quoteIdent(index.name)})`) as { name: string }[]
    return columns.length === 1 && columns[0]?.name === column
  })
}

export function tableShape(db: Database.Database, table: string): TableShape {
  const info = db.pragma(`table_info(${quoteIdent(table)})`) as { name: string; pk: number }[]
  const primaryKey = info
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name)
  const byId = primaryKey.length > 1 && primaryKey.includes('id') && hasUniqueIndexOn(db, table, 'id')
  return { columns: info.map((column) => column.name), key: byId ? ['id'] : primaryKey }
}

/** JSON cannot hold bytes: a BLOB travels as {"$blob": "<base64>"} (no table has one yet; a row schema that
 * accepts one must decode it). */
export function encodeValue(value: unknown): unknown {
  return Buffer.isBuffer(value) ? { $blob: value.toString('base64') } : value
}

const NEWLINE = 0x0a
/** Longer than any row a Cairn export writes; a line past it is a damaged or hostile file, not a row to hold. */
export const MAX_LINE_BYTES = 256 * 1024 * 1024

/**
 * Reads a text file line by line without holding all of it in memory (an export can be gigabytes). Lines are
 * cut at the newline byte, which UTF-8 never uses inside a character, and each is decoded on its own: no
 * decoder state, no joined text to split again (that took a quarter of an import's time at a year of data).
 */
export function* readLines(
  file: string,
  chunkBytes = 1 << 20,
  maxLineBytes = MAX_LINE_BYTES,
): Generator<string> {
  const fd = fs.openSync(file, 'r')
  let buffer = Buffer.allocUnsafe(chunkBytes)
  // Bytes [0, held) are the start of a line whose end has not been read yet.
  let held = 0
  try {
    for (;;) {
      if (held === buffer.length) {
        if (buffer.length >= maxLineBytes) {
          throw new AppError(
            'FAILED_PRECONDITION',
            `${file} has a line longer than ${maxLineBytes / 1024 / 1024} MB; the export is damaged and nothing was imported.`,
          )
        }
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxLineBytes))
        buffer.copy(grown, 0, 0, held)
        buffer = grown
      }
      const read = fs.readSync(fd, buffer, held, buffer.length - held, null)
      const end = held + read
      if (read === 0) {
        if (held > 0) yield buffer.toString('utf8', 0, held)
        return
      }
      let start = 0
      for (let newline = buffer.indexOf(NEWLINE, held); newline !== -1 && newline < end;) {
        if (newline > start) yield buffer.toString('utf8', start, newline)
        start = newline + 1
        newline = buffer.indexOf(NEWLINE, start)
      }
      held = end - start
      if (start > 0 && held > 0) buffer.copy(buffer, 0, start, end)
    }
  } finally {
    fs.closeSync(fd)
  }
}
