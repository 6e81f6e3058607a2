import { methods } from '../../../shared/contract/methods'
import { askForJson } from './askModel'
import { asList, asText } from './modelJson'
import { clockTime } from './timeText'
import { isDuplicateTodo } from './todoDedupe'
import type { WorkOutcome } from '../../work/runner'
import type { Processor } from './types'

export const TIPS_PROMPT =
  'Task: give tips. From the person’s recent activities, give up to 3 short, concrete tips on working better ' +
  '(focus, breaks, follow-ups). Answer only a JSON object: {"tips": ["..."]} (empty when nothing useful).'

/** The activities of one tips window → up to 3 tips, none repeating a recent one. */
export const writeTips: Processor = async (item, endpoint, { services }, signal): Promise<WorkOutcome> => {
  const from = Number(item.payload.from)
  const to = Number(item.payload.to)
  const activities = services.activities.overlapping(from, to, 50)
  if (activities.length === 0) return { result: { from, to, skipped: 'no activities' } }
  const { json } = await askForJson(
    endpoint,
    TIPS_PROMPT,
    activities
      .map((activity) => `${clockTime(activity.startAt)} ${activity.title}: ${activity.content}`)
      .join('\n'),
    0.5,
    signal,
  )
  const tips = asList(json.tips, 3)
    .map((tip) => asText(tip, 2_000))
    .filter(Boolean)
  return {
    result: { from, to, proposed: tips.length },
    write() {
      const recent = services.tips.recentContents(50)
      let created = 0
      for (const tip of tips) {
        // The same likeness test as todos: a tip repeated in other words is not new.
        if (isDuplicateTodo(tip, recent)) continue
        services.tips.create(
          methods['tips.create'].input.parse({ content: tip, metadata: { source: 'ai', windowFrom: from } }),
        )
        recent.push(tip)
        created += 1
      }
      if (created > 0)
        services.monitoring.recordDataStats({ dataType: 'tips', contextType: 'ai', count: created })
    },
  }
}
