import { z } from 'zod'
import { epochMs } from '../common'

/** A backup's file name: `cairn-<UTC time>.db`, never a path. */
export const backupName = z
  .string()
  .max(100)
  .regex(/^cairn-\d{8}T\d{6}\d{3}Z\.db$/, 'must be the name of a backup as listed by backups.list')

export const BACKUP_KINDS = ['daily', 'manual'] as const

export const backupInfo = z.object({
  name: backupName,
  /** Absolute path of the backup file. */
  path: z.string(),
  kind: z.enum(BACKUP_KINDS),
  createdAt: epochMs,
  bytes: z.number().int().nonnegative(),
  schemaVersion: z.number().int().nonnegative(),
  /** `PRAGMA integrity_check` of the copy; a backup counts only once this said ok. */
  integrity: z.literal('ok'),
  /** Rows per table in the copy, recorded when it was verified. */
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
})
export type BackupInfo = z.infer<typeof backupInfo>

export const backupMethods = {
  'backups.create': {
    description:
      'Copy the database now with SQLite’s online backup API, verify the copy (integrity_check, row counts) and keep it in DATA_DIR/backups. Progress arrives as backups.progress events.',
    input: z.strictObject({}),
    output: z.object({ backup: backupInfo, removed: z.array(backupName) }),
  },
  'backups.list': {
    description: 'Every verified backup, newest first, with the folder they are kept in.',
    input: z.strictObject({}),
    output: z.object({ dir: z.string(), items: z.array(backupInfo) }),
  },
  'backups.restore': {
    description:
      'Replace the database with a verified backup. The current file is kept aside (cairn.db.before-restore-<time>), never deleted; every client should reload its data after the backups.restored event.',
    input: z.strictObject({ name: backupName }),
    output: z.object({
      restored: backupInfo,
      /** Where the database that was replaced now lies. */
      setAsidePath: z.string(),
      schemaVersion: z.number().int().nonnegative(),
    }),
  },
} as const

export const backupEvents = {
  'backups.progress': z.object({
    operation: z.enum(['backup', 'restore', 'export', 'import']),
    /** Pages, rows or files done so far, out of total (0 when not known yet). */
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    /** What is being worked on, in plain words. */
    stage: z.string(),
  }),
  'backups.restored': z.object({ backup: backupInfo, setAsidePath: z.string() }),
} as const
