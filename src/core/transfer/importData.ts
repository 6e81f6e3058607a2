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
import { readLines, tableShape } from './rows'
import { isControlTable, ROW_SCHEMAS } from './rowSchemas'
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

/** One bad row stops the import: the message names the file, the line and the field, the issues say the same. */
function invalidRow(table: string, line: number, error: z.ZodError): AppError {
  // A column the table does not have says more than the columns it then seems to lack.
  const ordered = [...error.issues].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  )
  const issues = ordered.slice(0, 20).map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : []
    const field = keys.length > 0 ? keys : issue.path.map(String)
    const message =
      keys.length > 0
        ? `the export has a column ${keys.join(', ')} that ${table} does not have`
        : issue.message
    return { path: [table, line, ...field], message, field: field.join('.') }
  })
  const first = issues[0]
  return new AppError(
    'INVALID_INPUT',
    `tables/${table}.jsonl line ${line}: ${first?.field || 'row'}: ${first?.message ?? 'is not allowed'}; nothing was imported.`,
    issues.map(({ path, message }) => ({ path, message })),
  )
}

export interface ImportOptions {
  /** Write settings, work items and job runs too (otherwise they are only counted and reported). */
  applySettingsAndWork: boolean
}

/**
 * Replays an export into `db` in one transaction: all of it or (on any error) none of it. Every row is parsed
 * with its table's schema before it is written. References are checked at commit (deferred), so tables and rows
 * can come in any order. Full-text indexes follow through their triggers.
 */
export function importExport(
  db: Database.Database,
  dir: string,
  options: ImportOptions,
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
    if (!known.has(table) || !Object.hasOwn(ROW_SCHEMAS, table)) {
      throw refuse(`The export has a table ${table} that this database does not have.`)
    }
    if (!fs.existsSync(path.join(dir, 'tables', `${table}.jsonl`))) {
      throw refuse(`The export is missing tables/${table}.jsonl.`)
    }
  }
  const total = Object.values(manifest.tables).reduce((sum, rows) => sum + rows, 0)
  const summary: ImportSummary['tables'] = {}
  const held: ImportSummary['held'] = { applied: options.applySettingsAndWork, rows: {}, settingsKeys: [] }
  let done = 0
  writeTransaction(db, () => {
    db.pragma('defer_foreign_keys = ON')
    for (const table of tables) {
      const schema = ROW_SCHEMAS[table] as z.ZodType<Record<string, unknown>>
      const control = isControlTable(table)
      const write = !control || options.applySettingsAndWork
      const { key } = tableShape(db, table)
      const statements = new Map<string, Database.Statement>()
      let rows = 0
      let changed = 0
      for (const line of readLines(path.join(dir, 'tables', `${table}.jsonl`))) {
        let parsedJson: unknown
        try {
          parsedJson = JSON.parse(line)
        } catch {
          throw refuse(`Row ${rows + 1} of tables/${table}.jsonl is not valid JSON; nothing was imported.`)
        }
        if (typeof parsedJson !== 'object' || parsedJson === null || Array.isArray(parsedJson)) {
          throw refuse(`Row ${rows + 1} of tables/${table}.jsonl is not an object; nothing was imported.`)
        }
        const parsed = schema.safeParse(parsedJson)
        if (!parsed.success) throw invalidRow(table, rows + 1, parsed.error)
        const row = parsed.data
        rows += 1
        done += 1
        if (table === 'settings' && typeof row.key === 'string') held.settingsKeys.push(row.key)
        if (done % 5_000 === 0) onProgress({ done, total, stage: `Importing ${table}` })
        if (!write) continue
        const names = Object.keys(row)
        const shape = names.join('\u0000')
        let statement = statements.get(shape)
        if (!statement) {
          statement = db.prepare(upsertSql(table, names, key))
          statements.set(shape, statement)
        }
        changed += statement.run(...names.map((name) => row[name])).changes
      }
      if (control) held.rows[table] = rows
      summary[table] = { rows, changed }
    }
  })
  onProgress({ done: total, total, stage: 'Import complete' })
  return { schemaVersion, tables: summary, held }
}
