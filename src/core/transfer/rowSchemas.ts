import { z } from 'zod'
import { content, epochMs, id, metadata, shortText, title } from '../../shared/contract/common'
import { activityResources } from '../../shared/contract/domains/activities'
import { conversationStatus } from '../../shared/contract/domains/conversations'
import { jobName } from '../../shared/contract/domains/jobs'
import { messageRole, messageStatus } from '../../shared/contract/domains/messages'
import { SETTINGS, settingKey } from '../../shared/contract/domains/settings'
import { tickOutcome } from '../../shared/contract/domains/capture'
import { todoStatus, urgency } from '../../shared/contract/domains/todos'
import { documentType, tags } from '../../shared/contract/domains/vaults'
import { LIMITS } from '../../shared/contract/limits'
import { reasonedNoteSchema } from '../../shared/coreNotes'
import { HOUR_MS } from '../platform/clock'
import { CAPTURE_PATH_PATTERN } from '../capture/imageStore'

/**
 * What a row of each table may hold when it comes from an export: the same rules the contract applies to what
 * a client may write (lengths, enums, times, JSON shapes), in the table's own column names. An export is data a
 * stranger may have written, so every column is checked here before a single row is written; a table with no
 * schema here cannot be imported at all.
 */

/** A JSON column: text that parses to a value the contract's schema for that field accepts. */
function jsonText(schema: z.ZodType, maxLength: number = LIMITS.metadataJson) {
  return z
    .string()
    .max(maxLength)
    .superRefine((text, ctx) => {
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' })
        return
      }
      const parsed = schema.safeParse(value)
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'is not allowed here' })
      }
    })
}

const flag = z.union([z.literal(0), z.literal(1)])
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)
const integer = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)
const name = z.string().max(200)
const timeBucket = epochMs.refine((value) => value % HOUR_MS === 0, { message: 'must start an hour (UTC)' })
const metadataText = jsonText(metadata)

/** A setting comes in with its key, and its value must pass that setting's own schema. */
const settingRow = z
  .strictObject({ key: settingKey, value: z.string().max(LIMITS.metadataJson), updated_at: epochMs })
  .superRefine((row, ctx) => {
    let value: unknown
    try {
      value = JSON.parse(row.value)
    } catch {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'is not valid JSON' })
      return
    }
    const parsed = SETTINGS[row.key].schema.safeParse(value)
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: parsed.error.issues[0]?.message ?? `is not a value ${row.key} accepts`,
      })
    }
  })

export const ROW_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  vaults: z.strictObject({
    id,
    title: title.optional(),
    summary: content.optional(),
    content: content.optional(),
    tags: jsonText(tags).optional(),
    parent_id: id.nullable().optional(),
    is_folder: flag.optional(),
    is_deleted: flag.optional(),
    deleted_at: epochMs.nullable().optional(),
    document_type: documentType.optional(),
    sort_order: integer.optional(),
    created_at: epochMs,
    updated_at: epochMs,
  }),
  activities: z.strictObject({
    id,
    title,
    content: content.optional(),
    resources: jsonText(activityResources).optional(),
    metadata: metadataText.optional(),
    start_at: epochMs,
    end_at: epochMs,
    created_at: epochMs,
  }),
  todos: z.strictObject({
    id,
    content: shortText,
    status: todoStatus.optional(),
    urgency: urgency.optional(),
    assignee: name.optional(),
    reason: shortText.optional(),
    due_at: epochMs.nullable().optional(),
    start_at: epochMs.nullable().optional(),
    end_at: epochMs.nullable().optional(),
    source_activity_id: id.nullable().optional(),
    created_at: epochMs,
    updated_at: epochMs,
  }),
  tips: z.strictObject({
    id,
    content,
    metadata: metadataText.optional(),
    created_at: epochMs,
    dismissed_at: epochMs.nullable().optional(),
  }),
  conversations: z.strictObject({
    id,
    title: title.optional(),
    status: conversationStatus.optional(),
    metadata: metadataText.optional(),
    created_at: epochMs,
    updated_at: epochMs,
  }),
  messages: z.strictObject({
    id,
    conversation_id: id,
    parent_message_id: id.nullable().optional(),
    role: messageRole,
    content: content.optional(),
    status: messageStatus,
    token_count: count.optional(),
    latency_ms: count.nullable().optional(),
    error_message: content.optional(),
    metadata: metadataText.optional(),
    created_at: epochMs,
    updated_at: epochMs,
    completed_at: epochMs.nullable().optional(),
  }),
  message_thinking: z.strictObject({
    id,
    message_id: id,
    stage: name,
    content: content.optional(),
    progress: z.number().min(0).max(1).optional(),
    sequence: count,
    metadata: metadataText.optional(),
    created_at: epochMs,
  }),
  monitoring_token_usage: z.strictObject({
    id,
    time_bucket: timeBucket,
    model: name,
    prompt_tokens: count.optional(),
    completion_tokens: count.optional(),
    total_tokens: count.optional(),
    request_count: count.optional(),
  }),
  monitoring_stage_timing: z.strictObject({
    id,
    time_bucket: timeBucket,
    stage_name: name,
    count: count.optional(),
    total_duration_ms: count.optional(),
    min_duration_ms: count.optional(),
    max_duration_ms: count.optional(),
    success_count: count.optional(),
    error_count: count.optional(),
  }),
  monitoring_data_stats: z.strictObject({
    id,
    time_bucket: timeBucket,
    data_type: name,
    context_type: name.optional(),
    count: count.optional(),
  }),
  settings: settingRow,
  job_runs: z.strictObject({
    id,
    job_name: jobName,
    started_at: epochMs,
    finished_at: epochMs,
    ok: flag,
    result: metadataText.optional(),
    error: content.nullable().optional(),
  }),
  captures: z.strictObject({
    id,
    captured_at: epochMs,
    display_id: shortText,
    path: z
      .string()
      .max(300)
      .regex(CAPTURE_PATH_PATTERN, 'must be a screenshot path Cairn writes (captures/YYYY-MM-DD/<name>)'),
    format: z.enum(['jpeg', 'png', 'webp']),
    bytes: count,
    phash: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hexadecimal digits'),
    app_name: shortText.optional(),
    window_title: shortText.optional(),
    image_deleted_at: epochMs.nullable().optional(),
  }),
  capture_ticks: z.strictObject({
    id,
    at: epochMs,
    display_id: shortText.optional(),
    outcome: tickOutcome,
    reason: shortText.optional(),
    capture_id: id.nullable().optional(),
  }),
  capture_contexts: z.strictObject({
    capture_id: id,
    described_at: epochMs,
    model: name,
    app: shortText.optional(),
    summary: shortText.optional(),
    details: metadataText.optional(),
  }),
  capture_text: z.strictObject({
    capture_id: id,
    recognized_at: epochMs,
    languages: z
      .string()
      .max(200)
      .regex(/^([a-z_]{2,20}(\+[a-z_]{2,20})*)?$/, 'must be OCR language codes joined by +'),
    text: content.optional(),
    extra: content.optional(),
    words: jsonText(
      z.array(z.tuple([z.string().max(LIMITS.title), count, count, count, count])).max(100_000),
      LIMITS.content,
    ).optional(),
    confidence: z.number().min(0).max(100).optional(),
  }),
  work_items: z.strictObject({
    id,
    kind: z.string().min(1).max(100),
    dedupe_key: name,
    payload: metadataText.optional(),
    status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
    attempts: count.optional(),
    max_attempts: z.number().int().min(1).max(1_000).optional(),
    last_error: content.optional(),
    /** Why it waits or failed, by code and params (what ai.status shows); an older export has none. */
    last_note: jsonText(reasonedNoteSchema, 10_000).nullable().optional(),
    result: metadataText.optional(),
    run_after: epochMs,
    created_at: epochMs,
    updated_at: epochMs,
    finished_at: epochMs.nullable().optional(),
  }),
}

/**
 * Tables that steer what Cairn does rather than hold what the person made: settings (where the AI key goes,
 * which model sees the screen), queued AI work and job history. An import reports them and writes them only
 * when the person asks for it.
 */
export const CONTROL_TABLES = ['settings', 'work_items', 'job_runs'] as const
export type ControlTable = (typeof CONTROL_TABLES)[number]
export const isControlTable = (table: string): table is ControlTable =>
  (CONTROL_TABLES as readonly string[]).includes(table)
