import { z } from 'zod'
import { byId, deleted, epochMs, id, offset, pageLimit, shortText } from '../common'
import { LIMITS } from '../limits'

export const TODO_STATUSES = ['open', 'done'] as const
export const todoStatus = z.enum(TODO_STATUSES)
/** 0 low, 1 normal, 2 high, 3 critical. */
export const urgency = z.number().int().min(0).max(3)

export const todo = z.object({
  id,
  content: z.string(),
  status: todoStatus,
  urgency,
  assignee: z.string(),
  reason: z.string(),
  dueAt: epochMs.nullable(),
  startAt: epochMs.nullable(),
  endAt: epochMs.nullable(),
  sourceActivityId: id.nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
})
export type Todo = z.infer<typeof todo>

const todoText = z.string().trim().min(1, 'content must not be empty').max(LIMITS.shortText)
const person = z.string().max(LIMITS.title)

/** What a caller may set on a todo besides its text; create and update take the same. */
const todoFields = {
  urgency: urgency.optional(),
  assignee: person.optional(),
  reason: shortText.optional(),
  dueAt: epochMs.nullable().optional(),
  startAt: epochMs.nullable().optional(),
  sourceActivityId: id.nullable().optional(),
}

export const todoMethods = {
  'todos.create': {
    description: 'Add a todo.',
    input: z.strictObject({ content: todoText, ...todoFields }),
    output: todo,
  },
  'todos.get': { description: 'One todo by id.', input: byId, output: todo },
  'todos.list': {
    description:
      'Todos filtered by status, minimum urgency, due window [dueFrom, dueTo) and the activity they came from. Open first, then by order: urgency (default: most urgent, soonest due, newest) or due (soonest due first, no due date last, then most urgent).',
    input: z.strictObject({
      status: todoStatus.optional(),
      minUrgency: urgency.optional(),
      dueFrom: epochMs.optional(),
      dueTo: epochMs.optional(),
      order: z.enum(['urgency', 'due']).optional(),
      /** Only the todos made from this activity (its detail pane lists them). */
      sourceActivityId: id.optional(),
      limit: pageLimit(100),
      offset,
    }),
    output: z.object({ items: z.array(todo), total: z.number().int().nonnegative() }),
  },
  'todos.update': {
    description: 'Change a todo; null clears a date or the source activity.',
    input: z.strictObject({ id, content: todoText.optional(), ...todoFields }),
    output: todo,
  },
  'todos.setStatus': {
    description: 'Complete (done) or reopen (open) a todo; completion time is recorded in endAt.',
    input: z.strictObject({ id, status: todoStatus }),
    output: todo,
  },
  'todos.delete': { description: 'Delete a todo.', input: byId, output: deleted },
} as const
