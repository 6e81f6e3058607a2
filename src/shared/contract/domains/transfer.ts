import { z } from 'zod'
import { epochMs } from '../common'

/**
 * A folder on this computer, given as an absolute path (POSIX `/…`, Windows `C:\…` or `\\server\…`) without
 * `..` segments, so what is written or read is exactly what the person chose.
 */
export const folderPath = z
  .string()
  .min(1)
  .max(4_096)
  .refine((value) => !value.includes('\u0000'), { message: 'a path cannot contain NUL characters' })
  .refine((value) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value), { message: 'give an absolute path' })
  .refine((value) => !/(^|[\\/])\.\.([\\/]|$)/.test(value), { message: 'a path cannot contain .. segments' })

export const EXPORT_FORMAT = 'cairn-export'
export const EXPORT_FORMAT_VERSION = 1

export const transferMethods = {
  'transfer.export': {
    description:
      'Write everything to a folder: manifest.json (format, schema version, row counts), tables/<table>.jsonl (one JSON object per row) and documents/*.md (vault documents as Markdown with front matter). Read from one consistent snapshot while the app keeps working; progress arrives as backups.progress events (operation "export"). A folder that is not empty is refused unless overwrite is true.',
    input: z.strictObject({ dir: folderPath, overwrite: z.boolean().default(false) }),
    output: z.object({
      dir: z.string(),
      schemaVersion: z.number().int().nonnegative(),
      exportedAt: epochMs,
      tables: z.record(z.string(), z.number().int().nonnegative()),
      documents: z.number().int().nonnegative(),
    }),
  },
  'transfer.import': {
    description:
      'Replay an export folder’s JSONL files into the database in one transaction: a row replaces the row with the same key, rows not in the export are kept, and importing the same export twice changes nothing. Every row is checked against the contract’s rules first (one bad row: INVALID_INPUT naming file, line and field, nothing imported). Settings, queued AI work and job runs are reported in `held` and written only with applySettingsAndWork. The Markdown files are for reading; the JSONL files are the data. Progress arrives as backups.progress events (operation "import").',
    input: z.strictObject({
      dir: folderPath,
      /**
       * Also write the export's settings (AI provider and base URL, capture rules...), queued AI work and job
       * history. Off by default: an export from someone else could point the AI at their server.
       */
      applySettingsAndWork: z.boolean().default(false),
    }),
    output: z.object({
      schemaVersion: z.number().int().nonnegative(),
      /** Settings, work items and job runs in the export: written only when applySettingsAndWork was true. */
      held: z.object({
        applied: z.boolean(),
        /** Rows per table (settings, work_items, job_runs) found in the export. */
        rows: z.record(z.string(), z.number().int().nonnegative()),
        /** The settings the export holds (and, when applied, now has). */
        settingsKeys: z.array(z.string()).max(1_000),
      }),
      /** Per table: rows read from the export, and how many of them added or changed a row. */
      tables: z.record(
        z.string(),
        z.object({ rows: z.number().int().nonnegative(), changed: z.number().int().nonnegative() }),
      ),
    }),
  },
} as const

export const transferEvents = {
  /** An import changed the database: clients should reload what they show. */
  'transfer.imported': z.object({
    tables: z.record(
      z.string(),
      z.object({ rows: z.number().int().nonnegative(), changed: z.number().int().nonnegative() }),
    ),
  }),
} as const
