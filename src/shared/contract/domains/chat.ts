import { z } from 'zod'
import { coreNoteSchema } from '../../coreNotes'
import { epochMs, id } from '../common'
import { LIMITS } from '../limits'
import { message } from './messages'
import { searchKind } from './search'

/** One item the answer was built on, as stored in the assistant message's `metadata.sources`. */
export const chatSource = z.object({
  kind: searchKind,
  id,
  title: z.string().max(LIMITS.title),
  snippet: z.string().max(LIMITS.shortText),
  createdAt: epochMs,
  /** For a message: the conversation to open. */
  conversationId: id.nullable(),
})
export type ChatSource = z.infer<typeof chatSource>

/** Thinking stages a chat answer goes through, in order (`embedding` only when an embedding model is set). */
export const CHAT_STAGES = ['retrieval', 'embedding', 'generation'] as const
/** `metadata.status` of a thinking step written by chat: a stage is written when it starts and when it ends. */
export const CHAT_STAGE_STATUSES = ['running', 'done', 'failed', 'skipped', 'interrupted'] as const

export const chatStatus = z.object({
  /** A chat model is configured: chat.send answers. */
  configured: z.boolean(),
  chatModel: z.string().nullable(),
  /** An embedding model is configured: retrieval re-ranks its candidates by meaning too. */
  embeddingModel: z.string().nullable(),
  /** What the person should know: how chat answers, or what it would add once AI is set up (English). */
  message: z.string(),
  /** The same by code and params (src/shared/coreNotes.ts), for a window to say in its language. */
  note: coreNoteSchema,
})
export type ChatStatus = z.infer<typeof chatStatus>

export const chatMethods = {
  'chat.status': {
    description:
      'Whether chat can answer (a chat model is configured), which models it uses, and what to tell the person.',
    input: z.strictObject({}),
    output: chatStatus,
  },
  'chat.send': {
    description:
      'Store a question and start the answer: returns the user message and the streaming assistant message at once; retrieval, thinking stages and the streamed text follow as events (messages.delta, thinking.added, messages.updated). Without a chat model the question is stored, assistantMessage is null and notice says why.',
    input: z.strictObject({
      conversationId: id,
      content: z.string().trim().min(1).max(LIMITS.shortText),
      parentMessageId: id.nullable().optional(),
    }),
    output: z.object({
      userMessage: message,
      assistantMessage: message.nullable(),
      notice: z.string().nullable(),
    }),
  },
  'chat.interrupt': {
    description:
      'Stop an answer being written: aborts the request to the AI provider and ends the message as interrupted, keeping the text so far.',
    input: z.strictObject({ messageId: id }),
    output: message,
  },
  'chat.retry': {
    description:
      'Answer again the question of a failed or interrupted assistant message: a new streaming assistant message under the same question. Without a chat model assistantMessage is null and notice says why.',
    input: z.strictObject({ messageId: id }),
    output: z.object({ assistantMessage: message.nullable(), notice: z.string().nullable() }),
  },
} as const
