import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from '../../shared/contract/domains/transfer'
import { AppError } from '../../shared/contract/errors'
import type { MethodResult } from '../../shared/contract/methods'
import { writeFileAtomic } from '../backup/files'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../platform/privateFiles'
import { countRows, dataTables, quoteIdent } from '../backup/verify'
import { encodeValue, tableShape } from './rows'

export interface TransferStep {
  done: number
  total: number
  stage: string
}

export type ExportSummary = MethodResult<'transfer.export'>

export const MANIFEST_FILE = 'manifest.json'
const ROWS_PER_STEP = 2_000

/** The folder must be new or empty (or the caller said to write over it), and never the data folder itself. */
function prepareFolder(dir: string, overwrite: boolean): void {
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `${dir} is a file, not a folder; choose a folder to export to.`,
      )
    }
    if (!overwrite && fs.readdirSync(dir).length > 0) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `The folder ${dir} is not empty; choose an empty folder, or export with overwrite to write over it.`,
      )
    }
  }
  fs.mkdirSync(path.join(dir, 'tables'), { recursive: true, mode: PRIVATE_DIR_MODE })
  fs.mkdirSync(path.join(dir, 'documents'), { recursive: true, mode: PRIVATE_DIR_MODE })
}

interface DocumentRow {
  id: number
  title: string
  content: string
  tags: string
  parent_id: number | null
  document_type: string
  created_at: number
  updated_at: number
}

/** A file name that every file system accepts: the id keeps it unique, a slug of the title makes it readable. */
function documentFileName(row: DocumentRow): string {
  const slug = row.title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase()
  return `${row.id}${slug ? `-${slug}` : ''}.md`
}

/** Front matter values are JSON, which every YAML reader accepts, so no title can break the block. */
function markdownDocument(row: DocumentRow): string {
  const front = {
    id: row.id,
    title: row.title,
    tags: JSON.parse(row.tags) as unknown,
    parentId: row.parent_id,
    documentType: row.document_type,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }
  const lines = Object.entries(front).map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
  return `---\n${lines.join('\n')}\n---\n\n${row.content}${row.content.endsWith('\n') ? '' : '\n'}`
}

/**
 * Writes the export step by step (a generator, so the caller decides when to yield to other work). It reads
 * through its own read-only connection inside one read transaction: one consistent snapshot, while the core's
 * connection keeps writing beside it (WAL). The manifest is written last, so a folder without one is incomplete.
 */
export function* exportSteps(
  databaseFile: string,
  dir: string,
  now: number,
  overwrite: boolean,
): Generator<TransferStep, ExportSummary> {
  prepareFolder(dir, overwrite)
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    db.exec('BEGIN')
    const schemaVersion = Number(db.pragma('user_version', { simple: true }))
    const counts = countRows(db)
    const total = Object.values(counts).reduce((sum, rows) => sum + rows, 0)
    let done = 0
    for (const table of dataTables(db)) {
      const { key } = tableShape(db, table)
      const order = key.length > 0 ? key.map(quoteIdent).join(', ') : 'rowid'
      const fd = fs.openSync(path.join(dir, 'tables', `${table}.jsonl`), 'w', PRIVATE_FILE_MODE)
      try {
        let lines: string[] = []
        for (const row of db
          .prepare(`SELECT * FROM ${quoteIdent(table)} ORDER BY ${order}`)
          .iterate() as Iterable<Record<string, unknown>>) {
          lines.push(JSON.stringify(row, (_key, value: unknown) => encodeValue(value)))
          if (lines.length >= ROWS_PER_STEP) {
            fs.writeSync(fd, `${lines.join('\n')}\n`)
            done += lines.length
            lines = []
            yield { done, total, stage: `Exporting ${table}` }
          }
        }
        if (lines.length > 0) fs.writeSync(fd, `${lines.join('\n')}\n`)
        done += lines.length
        fs.fsyncSync(fd)
      } finally {
        fs.closeSync(fd)
      }
      yield { done, total, stage: `Exported ${table}` }
    }
    let documents = 0
    const documentRows = db
      .prepare(
        'SELECT id, title, content, tags, parent_id, document_type, created_at, updated_at FROM vaults WHERE is_folder = 0 AND is_deleted = 0 ORDER BY id',
      )
      .iterate() as Iterable<DocumentRow>
    for (const row of documentRows) {
      fs.writeFileSync(path.join(dir, 'documents', documentFileName(row)), markdownDocument(row), {
        mode: PRIVATE_FILE_MODE,
      })
      documents += 1
      if (documents % ROWS_PER_STEP === 0) yield { done, total, stage: 'Writing documents' }
    }
    db.exec('COMMIT')
    const summary: ExportSummary = { dir, schemaVersion, exportedAt: now, tables: counts, documents }
    writeFileAtomic(
      path.join(dir, MANIFEST_FILE),
      `${JSON.stringify({ format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, ...summary }, null, 2)}\n`,
    )
    yield { done: total, total, stage: 'Export complete' }
    return summary
  } finally {
    db.close()
  }
}
