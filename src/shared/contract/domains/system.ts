import { z } from 'zod'
import { empty } from '../common'

const jsonSchema = z.record(z.string(), z.unknown())

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
    description: 'Whether the core is up, with the schema version, data folder and database size.',
    input: empty,
    output: z.object({
      ok: z.boolean(),
      version: z.string(),
      schemaVersion: z.number().int().nonnegative(),
      dataDir: z.string(),
      databasePath: z.string(),
      databaseBytes: z.number().int().nonnegative(),
      sqliteVersion: z.string(),
    }),
  },
} as const
