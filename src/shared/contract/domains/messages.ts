import { z } from 'zod'
import { byId, content, deleted, epochMs, id, metadata, pageLimit, shortText } from '../common'
import { LIMITS } from '../limits'

export const MESSAGE_ROLES = ['user', 'assistant', 'system'] as const
export const MESSAGE_STATUSES = ['pending', 'streaming', 'completed', 'failed', 'interrupted'] as const
export const messageRole = z.enum(MESSAGE_ROLES)
export const messageStatus = z.enum(MESSAGE_STATUSES)

export const message = z.object({
  id,
  conversationId: id,
  parentMessageId: id.nullable(),
  role: messageRole,
  content: z.string(),
  status: messageStatus,
  tokenCount: z.number().int().nonnegative(),
  latencyMs: z.number().int().nonnegative().nullable(),
  errorMessage: z.string(),
  metadata: z.record(z.string(), z.json()),
  createdAt: epochMs,
  updatedAt: epochMs,
  completedAt: epochMs.nullable(),
})
export type Message = z.infer<typeof message>

const tokenCount = z.number().int().nonnegative().max(100_000_000)
const latencyMs = z.number().int().nonnegative().max(86_400_000)

export const messageMethods = {
  'messages.create': {
    description: 'Add a complete message to a conversation.',
    input: z.strictObject({
      conversationId: id,
      role: messageRole,
      content,
      parentMessageId: id.nullable().optional(),
      tokenCount: tokenCount.optional(),
      metadata: metadata.default({}),
    }),
    output: message,
  },
  'messages.get': {
    description: 'One message by id, with any streamed text so far.',
    input: byId,
    output: message,
  },
  'messages.list': {
    description: 'The last `limit` messages of a conversation before the message id `before`, oldest first.',
    input: z.strictObject({ conversationId: id, before: id.optional(), limit: pageLimit(50) }),
    output: z.object({ items: z.array(message), nextBefore: id.nullable() }),
  },
  'messages.startStream': {
    description: 'Create a message in status streaming whose text arrives through appendChunk.',
    input: z.strictObject({
      conversationId: id,
      role: messageRole.default('assistant'),
      parentMessageId: id.nullable().optional(),
      metadata: metadata.default({}),
    }),
    output: message,
  },
  'messages.appendChunk': {
    description:
      'Append text to a streaming message. Emits messages.delta at once; the text is written to disk in batches (within 100 ms) and at finish.',
    input: z.strictObject({ id, chunk: z.string().min(1).max(LIMITS.chunk) }),
    output: z.object({ id, length: z.number().int().nonnegative() }),
  },
  'messages.finish': {
    description: 'Complete a streaming message, optionally with its token count, latency and metadata.',
    input: z.strictObject({
      id,
      tokenCount: tokenCount.optional(),
      latencyMs: latencyMs.optional(),
      metadata: metadata.optional(),
    }),
    output: message,
  },
  'messages.fail': {
    description: 'End a pending or streaming message as failed, keeping the text that arrived and the error.',
    input: z.strictObject({ id, errorMessage: shortText.min(1) }),
    output: message,
  },
  'messages.interrupt': {
    description: 'Stop a pending or streaming message where it is (status interrupted).',
    input: byId,
    output: message,
  },
  'messages.delete': { description: 'Delete a message and its thinking.', input: byId, output: deleted },
} as const

export const thinkingStep = z.object({
  id,
  messageId: id,
  stage: z.string(),
  content: z.string(),
  progress: z.number().min(0).max(1),
  sequence: z.number().int().nonnegative(),
  metadata: z.record(z.string(), z.json()),
  createdAt: epochMs,
})
export type ThinkingStep = z.infer<typeof thinkingStep>

export const thinkingMethods = {
  'thinking.add': {
    description:
      'Record a thinking stage of a message (retrieval, generation, ...) with its progress from 0 to 1.',
    input: z.strictObject({
      messageId: id,
      stage: z.string().trim().min(1).max(100),
      content: content.default(''),
      progress: z.number().min(0).max(1).default(0),
      metadata: metadata.default({}),
    }),
    output: thinkingStep,
  },
  'thinking.list': {
    description: 'The thinking stages of a message in the order they were added.',
    input: z.strictObject({ messageId: id }),
    output: z.object({ items: z.array(thinkingStep) }),
  },
  'thinking.clear': {
    description: 'Remove every thinking stage of a message.',
    input: z.strictObject({ messageId: id }),
    output: z.object({ messageId: id, removed: z.number().int().nonnegative() }),
  },
} as const
