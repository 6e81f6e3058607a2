import type Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from '../../shared/contract/domains/transfer'
import { AppError } from '../../shared/contract/errors'
import type { MethodResult } from '../../shared/contract/methods'
import { dataTables, quoteIdent } from '../backup/verify'
import { MANIFEST_FILE } from './exportData'
import type { TransferStep } from './exportData'
import { decodeValue, readLines, tableShape } from './rows'
import { writeTransaction } from '../services/sql'

export type ImportSummary = MethodResult<'transfer.import'>

const manifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  schemaVersion: z.number().int().nonnegative(),
  tables: z.record(z.string().regex(/^\w{1,100}$/), z.number().int().nonnegative()),
})

const refuse = (message: string): AppError => new AppError('FAILED_PRECONDITION', message)

function readManifest(dir: string): z.infer<typeof manifestSchema> {
  const file = path.join(dir, MANIFEST_FILE)
  if (!fs.existsSync(file)) {
    throw refuse(`${dir} holds no ${MANIFEST_FILE}; it is not a finished Cairn export.`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    throw refuse(`${file} is not valid JSON; the export is damaged.`)
  }
  const manifest = manifestSchema.safeParse(parsed)
  if (!manifest.success) throw refuse(`${file} is not the manifest of a Cairn export this version can read.`)
  return manifest.data
}

/**
 * One UPSERT per row shape: a row replaces the row with the same key only where a value differs, so replaying
 * the same export again writes nothing at all (no row, no trigger, no index entry changes).
 */
function upsertSql(table: string, columns: string[], key: string[]): string {
  const names = columns.map(quoteIdent)
  const insert = `INSERT INTO ${quoteIdent(table)} (${names.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
  const rest = columns.filter((column) => !key.includes(column))
  if (key.length === 0) return insert
  if (rest.length === 0) return `${insert} ON CONFLICT DO NOTHING`
  const target = key.map(quoteIdent).join(', ')
  const set = rest.map((column) => `${quoteIdent(column)} = excluded.${quoteIdent(column)}`).join(', ')
  const differs = rest
    .map((column) => `${quoteIdent(table)}.${quoteIdent(column)} IS NOT excluded.${quoteIdent(column)}`)
    .join(' OR ')
  return `${insert} ON CONFLICT (${target}) DO UPDATE SET ${set} WHERE ${differs}`
}

/**
 * Replays an export into `db` in one transaction: all of it or (on any error) none of it. References are
 * checked at commit (deferred), so tables and rows can come in any order. Full-text indexes follow through
 * their triggers.
 */
export function importExport(
  db: Database.Database,
  dir: string,
  onProgress: (step: TransferStep) => void,
): ImportSummary {
  const manifest = readManifest(dir)
  const schemaVersion = Number(db.pragma('user_version', { simple: true }))
  if (manifest.schemaVersion !== schemaVersion) {
    throw refuse(
      `The export was made with database schema ${manifest.schemaVersion}; this Cairn uses schema ${schemaVersion}. Import it with the Cairn version that made it.`,
    )
  }
  const known = new Set(dataTables(db))
  const tables = Object.keys(manifest.tables)
  for (const table of tables) {
    if (!known.has(table)) throw refuse(`The export has a table ${table} that this database does not have.`)
    if (!fs.existsSync(path.join(dir, 'tables', `${table}.jsonl`))) {
      throw refuse(`The export is missing tables/${table}.jsonl.`)
    }
  }
  const total = Object.values(manifest.tables).reduce((sum, rows) => sum + rows, 0)
  const summary: ImportSummary['tables'] = {}
  let done = 0
  writeTransaction(db, () => {
    db.pragma('defer_foreign_keys = ON')
    for (const table of tables) {
      const { columns, key } = tableShape(db, table)
      const statements = new Map<string, Database.Statement>()
      let rows = 0
      let changed = 0
      for (const line of readLines(path.join(dir, 'tables', `${table}.jsonl`))) {
        let row: unknown
        try {
          row = JSON.parse(line)
        } catch {
          throw refuse(`Row ${rows + 1} of tables/${table}.jsonl is not valid JSON; nothing was imported.`)
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row)) {
          throw refuse(`Row ${rows + 1} of tables/${table}.jsonl is not an object; nothing was imported.`)
        }
        const names = Object.keys(row)
        const unknown = names.find((name) => !columns.includes(name))
        if (unknown !== undefined) {
          throw refuse(`tables/${table}.jsonl has a column ${unknown} that ${table} does not have.`)
        }
        const shape = names.join('\u0000')
        let statement = statements.get(shape)
        if (!statement) {
          statement = db.prepare(upsertSql(table, names, key))
          statements.set(shape, statement)
        }
        const values = names.map((name) => decodeValue((row as Record<string, unknown>)[name]))
        changed += statement.run(...values).changes
        rows += 1
        done += 1
        if (done % 5_000 === 0) onProgress({ done, total, stage: `Importing ${table}` })
      }
      summary[table] = { rows, changed }
    }
  })
  onProgress({ done: total, total, stage: 'Import complete' })
  return { schemaVersion, tables: summary }
}
