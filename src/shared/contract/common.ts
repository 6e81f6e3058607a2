import { z } from 'zod'
import { LIMITS } from './limits'

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
export const epochMs = z.number().int().nonnegative().max(8_640_000_000_000_000)
export const title = z.string().max(LIMITS.title)
export const shortText = z.string().max(LIMITS.shortText)
export const content = z.string().max(LIMITS.content)

/** Free-form JSON object stored in a checked TEXT column; bounded by its serialized size. */
export const metadata = z
  .record(z.string().max(200), z.json())
  .refine((value) => JSON.stringify(value).length <= LIMITS.metadataJson, {
    message: `metadata must serialize to at most ${LIMITS.metadataJson} characters`,
  })

export const pageLimit = (defaultSize: number) =>
  z.number().int().min(1).max(LIMITS.pageSize).default(defaultSize)
export const offset = z.number().int().nonnegative().max(1_000_000_000).default(0)

export const byId = z.strictObject({ id })
export const empty = z.strictObject({})
export const deleted = z.object({ id, deleted: z.boolean() })

/** A time window given either as the last N hours or as an explicit [from, to) range. */
export const timeWindow = z
  .strictObject({
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 366)
      .optional(),
    from: epochMs.optional(),
    to: epochMs.optional(),
  })
  .superRefine((value, ctx) => {
    const hasRange = value.from !== undefined || value.to !== undefined
    if (value.hours !== undefined && hasRange) {
      ctx.addIssue({ code: 'custom', message: 'give either hours or from/to, not both', path: ['hours'] })
    }
    if (value.hours === undefined && (value.from === undefined || value.to === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give hours, or both from and to', path: ['from'] })
    }
    if (value.from !== undefined && value.to !== undefined && value.to <= value.from) {
      ctx.addIssue({ code: 'custom', message: 'to must be after from', path: ['to'] })
    }
  })
export type TimeWindow = z.infer<typeof timeWindow>

export type JsonValue = z.core.util.JSONType
export type JsonObject = Record<string, JsonValue>

/** The settings.set variant of one setting of a table of settings: its key and that setting's own schema. */
export function settingAssignmentOf<
  Key extends string,
  Table extends Readonly<Record<Key, { readonly schema: z.ZodType }>>,
>(table: Table, key: Key) {
  const schema: Table[Key]['schema'] = table[key].schema
  return z.strictObject({ key: z.literal(key), value: schema })
}
