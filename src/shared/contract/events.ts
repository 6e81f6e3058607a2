import { z } from 'zod'
import { id } from './common'
import { activity } from './domains/activities'
import { backupEvents } from './domains/backups'
import { captureEvents } from './domains/capture'
import { jobRun } from './domains/jobs'
import { message, thinkingStep } from './domains/messages'
import { settingKey } from './domains/settings'
import { todo } from './domains/todos'
import { transferEvents } from './domains/transfer'

const changeAction = z.enum(['created', 'updated', 'deleted'])

/** Everything the core pushes to every connected client. */
export const events = {
  'messages.delta': z.object({
    messageId: id,
    conversationId: id,
    chunk: z.string(),
    /** Length of the message text after this chunk. */
    length: z.number().int().nonnegative(),
  }),
  'messages.updated': z.object({ message }),
  'thinking.added': z.object({ step: thinkingStep }),
  'activities.created': z.object({ activity }),
  'todos.changed': z.object({ action: changeAction, id, todo: todo.nullable() }),
  'vaults.changed': z.object({ action: changeAction, id }),
  'conversations.changed': z.object({ action: changeAction, id }),
  'tips.changed': z.object({ action: changeAction, id }),
  'settings.changed': z.object({ key: settingKey, value: z.json() }),
  'jobs.ran': z.object({ run: jobRun }),
  ...backupEvents,
  ...transferEvents,
  ...captureEvents,
} as const

export type EventName = keyof typeof events
export type EventData<E extends EventName> = z.infer<(typeof events)[E]>
export const EVENT_NAMES = Object.keys(events) as EventName[]
