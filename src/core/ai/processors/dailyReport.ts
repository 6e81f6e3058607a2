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
  { services },
  signal,
): Promise<WorkOutcome> => {
  const day = String(item.payload.day)
  const from = Number(item.payload.from)
  const to = Number(item.payload.to)
  const existing = () => services.vaults.dailyReportId(reportTitle(day))
  if (existing() !== undefined) return { result: { day, skipped: 'report exists' } }
  const frames = services.frames.countIn(from, to)
  const activities = services.activities.startingIn(from, to)
  if (!frames && activities.length === 0) return { result: { day, skipped: 'nothing captured' } }
  const todos = services.todos.ofDay(from, to, 200)
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
            `Day: ${day} (${frames} screenshots)\nActivities:\n` +
            sample(activities, 150)
              .map((a) => `- ${clockTime(a.startAt)}–${clockTime(a.endAt)} ${a.title}: ${a.content}`)
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
