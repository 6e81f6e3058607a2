import { z } from 'zod'
import { byId, empty, epochMs, id } from '../common'
import { coreNoteSchema, reasonedNoteSchema } from '../../coreNotes'
import { AI_PROCESSORS, AI_PROVIDER_IDS, AI_SETTINGS } from './aiSettings'

const text = (max: number) => z.string().max(max)
const count = z.number().int().nonnegative()

const purposeState = z.object({
  configured: z.boolean(),
  model: text(200),
  /** Why it is not configured, in English; empty when it is. */
  reason: text(500),
  /** The same by code and params (src/shared/coreNotes.ts), for a window to say in its language; null when configured. */
  reasonNote: coreNoteSchema.nullable(),
})

const keyState = z.object({
  set: z.boolean(),
  kind: z.enum(['os-encrypted-file', 'environment', 'memory']),
  where: text(1_000),
  /** False when a key set now is forgotten when Cairn stops (the headless host's session key). */
  persistent: z.boolean(),
  /** `where` by code and params (src/shared/coreNotes.ts); null when the store gave none. */
  whereNote: coreNoteSchema.nullable(),
  /** The origin of the base URL the key was entered for: it is sent there only. Null when none is set. */
  origin: text(2_100).nullable(),
})

const workProblem = z.object({
  id,
  kind: text(100),
  key: text(200),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  attempts: count,
  maxAttempts: count,
  lastError: text(2_000),
  /** lastError by code and params (src/shared/coreNotes.ts); null for an item without one (or written before). */
  note: reasonedNoteSchema.nullable().optional(),
  runAfter: epochMs,
  updatedAt: epochMs,
})

export const aiStatus = z.object({
  provider: z.enum(AI_PROVIDER_IDS),
  baseUrl: text(2_000),
  apiKey: keyState,
  purposes: z.object({ chat: purposeState, vision: purposeState, embedding: purposeState }),
  /** Processors turned on and able to run (their model configured). */
  running: z.array(z.enum(AI_PROCESSORS)).max(AI_PROCESSORS.length),
  budget: z.object({
    limit: count,
    usedToday: count,
    exhausted: z.boolean(),
    resetsAt: epochMs,
    message: text(1_000).nullable(),
    note: coreNoteSchema.nullable(),
  }),
  queue: z.object({ queued: count, running: count, done: count, failed: count }),
  /** Frames of the last two days not yet described (waiting for a vision model when none is set). */
  undescribedFrames: count,
  /** Failed items and items waiting after a failed or deferred attempt, newest first. */
  problems: z.array(workProblem).max(50),
  lastError: z
    .object({ stage: text(100), message: text(2_000), at: epochMs, note: coreNoteSchema.nullable() })
    .nullable(),
  /**
   * The background embedding of every item for search by meaning, when an embedding model is configured:
   * how many items have a vector of that model, of how many, and what the embedding is doing.
   */
  meaningIndex: z
    .object({
      model: text(200),
      embedded: count,
      total: count,
      state: z.enum(['off', 'working', 'upToDate', 'budget', 'failing', 'unavailable']),
    })
    .nullable(),
  /** What turning AI on would add; empty when everything is configured. */
  wouldAdd: z.array(text(500)).max(10),
})
export type AiStatus = z.infer<typeof aiStatus>

export const aiMethods = {
  'ai.status': {
    description:
      'Whether AI is configured for each purpose, the daily token budget, the background work queue and its problems, and what AI would add.',
    input: empty,
    output: aiStatus,
  },
  'ai.testConnection': {
    description:
      'Ask the provider for its models with the current settings and key, or with a provider and base URL not saved yet (the key goes only to the origin it was entered for); says what went wrong.',
    input: z.strictObject({
      provider: AI_SETTINGS['ai.provider'].schema.optional(),
      baseUrl: AI_SETTINGS['ai.baseUrl'].schema.optional(),
    }),
    output: z.object({
      ok: z.boolean(),
      models: z.array(text(200)).max(500),
      latencyMs: count,
      /** What happened, in English. */
      message: text(2_000),
      /** The same by code and params (src/shared/coreNotes.ts), for a window to say in its language. */
      note: coreNoteSchema,
    }),
  },
  'ai.setApiKey': {
    description:
      'Keep the AI API key in the secret store (never in settings, never returned); says where it is kept.',
    input: z.strictObject({
      key: z.string().trim().min(1, 'the key must not be empty').max(4_096),
      /** Consent to keep it obfuscated only, where Linux has no keyring (basic_text); refused otherwise. */
      withoutKeyring: z.boolean().default(false),
    }),
    output: keyState,
  },
  'ai.clearApiKey': {
    description: 'Forget the AI API key.',
    input: empty,
    output: keyState,
  },
  'ai.retry': {
    description: 'Give a failed background AI item a fresh set of attempts, due now.',
    input: byId,
    output: z.object({ id, retried: z.boolean() }),
  },
  'ai.processNow': {
    description: 'Queue the background AI work that is due now and start on it.',
    input: empty,
    output: z.object({ queued: count }),
  },
} as const
