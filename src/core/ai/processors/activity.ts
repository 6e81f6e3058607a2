import { methods } from '../../../shared/contract/methods'
import { askForJson } from './askModel'
import { asText } from './modelJson'
import { clockTime, sample } from './timeText'
import type { WorkOutcome } from '../../work/runner'
import type { Processor } from './types'

/** Notes and todos written during a window that go into its summary, oldest first. */
const WRITTEN_LIMIT = 30

export const ACTIVITY_PROMPT =
  'Task: summarise activity. You get what was on the person’s screen during a few minutes, one line per ' +
  'screenshot. Answer only a JSON object: {"title": what they did, at most 10 words, "summary": 2-4 sentences ' +
  'in the second person}.'

/** The frames of one time window → one `activities` row; todo extraction for it is queued in the same step. */
export const summariseWindow: Processor = async (item, endpoint, context, signal): Promise<WorkOutcome> => {
  const { services } = context
  const from = Number(item.payload.from)
  const to = Number(item.payload.to)
  const frames = services.frames.describedIn(from, to)
  if (frames.length === 0) return { result: { from, to, skipped: 'no frames' } }
  const lines = sample(frames, 120).map(
    (frame) =>
      `${clockTime(frame.captured_at)} ${frame.app_name || 'unknown app'} — ${frame.window_title || 'untitled'}` +
      (frame.summary ? ` — ${frame.summary}` : ''),
  )
  // What the person wrote down meanwhile (quick capture, the editor, Todos) says what mattered to them.
  const written = [
    ...services.vaults
      .notesWrittenIn(from, to, WRITTEN_LIMIT)
      .map((note) => ({ at: note.at, line: `wrote a note: ${note.title}` })),
    ...services.todos
      .typedIn(from, to, WRITTEN_LIMIT)
      .map((todo) => ({ at: todo.at, line: `added a todo: ${todo.content}` })),
  ]
    .sort((a, b) => a.at - b.at)
    .slice(0, WRITTEN_LIMIT)
  lines.push(...written.map((entry) => `${clockTime(entry.at)} The person ${entry.line}`))
  const { json, model } = await askForJson(
    endpoint,
    ACTIVITY_PROMPT,
    `${clockTime(from)}–${clockTime(to)}\n${lines.join('\n')}`,
    0.3,
    signal,
  )
  const input = methods['activities.create'].input.parse({
    title: asText(json.title, 200) || `Activity ${clockTime(from)}–${clockTime(to)}`,
    content: asText(json.summary, 10_000),
    resources: { screenshots: sample(frames, 50).map((frame) => frame.path), urls: [] },
    metadata: { source: 'ai', model, frames: frames.length, windowFrom: from, windowTo: to },
    startAt: frames[0]?.captured_at ?? from,
    endAt: frames[frames.length - 1]?.captured_at ?? to,
  })
  return {
    result: { from, to, frames: frames.length },
    write() {
      const activity = services.activities.create(input)
      context.enqueue('todos', String(from), { activityId: activity.id })
      services.monitoring.recordDataStats({ dataType: 'activities', contextType: 'ai', count: 1 })
    },
  }
}
