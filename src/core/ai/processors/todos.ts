import { methods } from '../../../shared/contract/methods'
import { askForJson } from './askModel'
import { asList, asText } from './modelJson'
import { isDuplicateTodo } from './todoDedupe'
import type { WorkOutcome } from '../../work/runner'
import type { Processor } from './types'

export const TODOS_PROMPT =
  'Task: extract todos. From an activity of the person, list things they still have to do that are not in ' +
  'their open todo list. Answer only a JSON object: {"todos": [{"content": the todo, "urgency": 0-3}]} ' +
  '(an empty list when there is nothing new).'

const OPEN_TODOS = 500

/** Todos the model finds in one activity, minus those already open (checked again when they are written). */
export const extractTodos: Processor = async (item, endpoint, { services }, signal): Promise<WorkOutcome> => {
  const activityId = Number(item.payload.activityId)
  const activity = services.activities.find(activityId)
  if (!activity) return { result: { activityId, skipped: 'activity gone' } }
  const window = activity.metadata
  const hints = services.frames.todoHints(Number(window.windowFrom ?? 0), Number(window.windowTo ?? 0), 30)
  const open = services.todos.openContents(OPEN_TODOS)
  const { json } = await askForJson(
    endpoint,
    TODOS_PROMPT,
    `Activity: ${activity.title}\n${activity.content}\n` +
      (hints.length ? `Seen on screen: ${hints.join('; ')}\n` : '') +
      `Open todos:\n${
        open
          .slice(0, 100)
          .map((todo) => `- ${todo}`)
          .join('\n') || '(none)'
      }`,
    0.2,
    signal,
  )
  const proposed = asList(json.todos, 10).flatMap((entry) => {
    const todo = (typeof entry === 'string' ? { content: entry } : entry) as {
      content?: unknown
      urgency?: unknown
    }
    const content = asText(todo.content, 1_000)
    const urgency = typeof todo.urgency === 'number' ? Math.min(3, Math.max(0, Math.round(todo.urgency))) : 1
    return content ? [{ content, urgency }] : []
  })
  let created = 0
  return {
    result: { activityId, proposed: proposed.length },
    write() {
      // Checked here, in the transaction: a todo typed by hand meanwhile counts too.
      const known = services.todos.openContents(OPEN_TODOS)
      for (const todo of proposed) {
        if (isDuplicateTodo(todo.content, known)) continue
        services.todos.create(
          methods['todos.create'].input.parse({
            content: todo.content,
            urgency: todo.urgency,
            reason: 'Found by AI in an activity',
            sourceActivityId: activityId,
          }),
        )
        known.push(todo.content)
        created += 1
      }
      if (created > 0)
        services.monitoring.recordDataStats({ dataType: 'todos', contextType: 'ai', count: created })
    },
  }
}
