import { methods } from '../../../shared/contract/methods'
import { clockTime, sample } from './timeText'
import type { WorkOutcome } from '../../work/runner'
import type { Processor } from './types'

export const REPORT_PROMPT =
  'Task: write a daily report. From the person’s activities and todos of one day, write a short report in ' +
  'Markdown: a one-line overview, then "## What you did", "## Done", "## Still open". Plain, second person.'

export const reportTitle = (day: string): string => `Daily report ${day}`

/** One day's activities and todos → one `daily_report` document, never a second one for the same day. */
export const writeDailyReport: Processor = async (
  item,
  endpoint,
  { ctx, services },
  signal,
): Promise<WorkOutcome> => {
  const day = String(item.payload.day)
  const from = Number(item.payload.from)
  const to = Number(item.payload.to)
  const existing = () =>
    ctx.db
      .prepare<[string], number>(
        "SELECT id FROM vaults WHERE document_type = 'daily_report' AND title = ? AND is_deleted = 0 LIMIT 1",
      )
      .pluck()
      .get(reportTitle(day))
  if (existing() !== undefined) return { result: { day, skipped: 'report exists' } }
  const frames = ctx.db
    .prepare<[number, number], number>(
      'SELECT count(*) FROM captures WHERE captured_at >= ? AND captured_at < ?',
    )
    .pluck()
    .get(from, to)
  const activities = ctx.db
    .prepare<[number, number], { title: string; content: string; start_at: number; end_at: number }>(
      'SELECT title, content, start_at, end_at FROM activities WHERE start_at >= ? AND start_at < ? ORDER BY start_at',
    )
    .all(from, to)
  if (!frames && activities.length === 0) return { result: { day, skipped: 'nothing captured' } }
  const todos = ctx.db
    .prepare<[number, number, number, number], { content: string; status: string }>(
      `SELECT content, status FROM todos WHERE (created_at >= ? AND created_at < ?) OR (status = 'done' AND updated_at >= ? AND updated_at < ?)
       ORDER BY id LIMIT 200`,
    )
    .all(from, to, from, to)
  // Streamed (with usage asked for), so a long report is not cut by the per-attempt timeout.
  const answer = await endpoint.client.chatStream(
    {
      model: endpoint.model,
      temperature: 0.3,
      messages: [
        { role: 'system', content: REPORT_PROMPT },
        {
          role: 'user',
          content:
            `Day: ${day} (${frames ?? 0} screenshots)\nActivities:\n` +
            sample(activities, 150)
              .map((a) => `- ${clockTime(a.start_at)}–${clockTime(a.end_at)} ${a.title}: ${a.content}`)
              .join('\n') +
            `\nTodos:\n${todos.map((todo) => `- [${todo.status === 'done' ? 'x' : ' '}] ${todo.content}`).join('\n') || '(none)'}`,
        },
      ],
    },
    () => undefined,
    { signal },
  )
  const content = answer.content.trim().slice(0, 200_000)
  const input = methods['vaults.create'].input.parse({
    title: reportTitle(day),
    content,
    summary: (content.split('\n').find((line) => line.trim() && !line.startsWith('#')) ?? '').slice(0, 500),
    documentType: 'daily_report',
    tags: ['daily-report'],
  })
  return {
    result: { day, activities: activities.length },
    write() {
      if (existing() !== undefined) return
      services.vaults.create(input)
      services.monitoring.recordDataStats({ dataType: 'daily_reports', contextType: 'ai', count: 1 })
    },
  }
}
