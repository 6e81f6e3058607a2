import { z } from 'zod'
import { empty, epochMs } from '../common'

const jsonSchema = z.record(z.string(), z.unknown())

/** What start-up had to do because the database was damaged; the UI shows `message` to the person. */
export const recoveryReport = z.object({
  at: epochMs,
  /** What was wrong, in plain words. */
  problem: z.string(),
  /** Where the damaged file was moved (it is never deleted). */
  damagedPath: z.string(),
  /** The backup put in its place, or null when there was none and Cairn started empty. */
  restoredFrom: z.string().nullable(),
  /** Changes made after this time are not in the restored data. */
  backupCreatedAt: epochMs.nullable(),
  message: z.string(),
})
export type RecoveryReport = z.infer<typeof recoveryReport>

export const systemMethods = {
  'system.describe': {
    description: 'Every method and event of the contract, with JSON Schemas of their inputs and outputs.',
    input: empty,
    output: z.object({
      version: z.string(),
      methods: z.array(
        z.object({ name: z.string(), description: z.string(), params: jsonSchema, result: jsonSchema }),
      ),
      events: z.array(z.object({ name: z.string(), data: jsonSchema })),
    }),
  },
  'system.health': {
    description:
      'Whether the core is up, with the schema version, data folder, database size, and what start-up recovery did (recovery is null when the database opened clean).',
    input: empty,
    output: z.object({
      ok: z.boolean(),
      version: z.string(),
      schemaVersion: z.number().int().nonnegative(),
      dataDir: z.string(),
      databasePath: z.string(),
      databaseBytes: z.number().int().nonnegative(),
      sqliteVersion: z.string(),
      /** The database file cannot be written (permissions, a read-only disk): reads work, writes are refused. */
      readOnly: z.boolean(),
      recovery: recoveryReport.nullable(),
    }),
  },
} as const
