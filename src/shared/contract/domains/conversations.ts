import { z } from 'zod'
import { byId, deleted, epochMs, id, metadata, pageLimit, title } from '../common'

export const CONVERSATION_STATUSES = ['active', 'archived', 'deleted'] as const
export const conversationStatus = z.enum(CONVERSATION_STATUSES)

export const conversation = z.object({
  id,
  title: z.string(),
  status: conversationStatus,
  metadata: z.record(z.string(), z.json()),
  createdAt: epochMs,
  updatedAt: epochMs,
})
export type Conversation = z.infer<typeof conversation>

/** Keyset cursor: the last item of the previous page. */
export const conversationCursor = z.strictObject({ updatedAt: epochMs, id })

export const conversationMethods = {
  'conversations.create': {
    description: 'Start a conversation.',
    input: z.strictObject({ title: title.default(''), metadata: metadata.default({}) }),
    output: conversation,
  },
  'conversations.get': { description: 'One conversation by id.', input: byId, output: conversation },
  'conversations.list': {
    description:
      'Conversations, most recently active first, a page at a time (pass nextCursor back as cursor).',
    input: z.strictObject({
      status: conversationStatus.default('active'),
      limit: pageLimit(50),
      cursor: conversationCursor.optional(),
    }),
    output: z.object({ items: z.array(conversation), nextCursor: conversationCursor.nullable() }),
  },
  'conversations.update': {
    description: 'Rename, archive (status archived) or bring back (status active) a conversation.',
    input: z.strictObject({
      id,
      title: title.optional(),
      status: conversationStatus.optional(),
      metadata: metadata.optional(),
    }),
    output: conversation,
  },
  'conversations.delete': {
    description: 'Delete a conversation with all its messages and thinking.',
    input: byId,
    output: deleted,
  },
} as const
