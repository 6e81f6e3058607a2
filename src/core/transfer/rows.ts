import type Database from 'better-sqlite3'
import fs from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
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

/** Reads a text file line by line without holding all of it in memory (an export can be gigabytes). */
export function* readLines(file: string): Generator<string> {
  const fd = fs.openSync(file, 'r')
  const chunk = Buffer.alloc(1 << 20)
  // A chunk can end inside a multi-byte character; the decoder keeps those bytes for the next one.
  const decoder = new StringDecoder('utf8')
  let rest = ''
  try {
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null)
      if (read === 0) break
      const text = rest + decoder.write(chunk.subarray(0, read))
      const lines = text.split('\n')
      rest = lines.pop() ?? ''
      for (const line of lines) if (line.length > 0) yield line
    }
    rest += decoder.end()
    if (rest.length > 0) yield rest
  } finally {
    fs.closeSync(fd)
  }
}
