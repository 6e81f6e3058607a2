import { z } from 'zod'
import { byId, epochMs, id, metadata, offset, pageLimit, shortText } from '../common'

export const tip = z.object({
  id,
  content: z.string(),
  metadata: z.record(z.string(), z.json()),
  createdAt: epochMs,
  dismissedAt: epochMs.nullable(),
})
export type Tip = z.infer<typeof tip>

export const tipMethods = {
  'tips.create': {
    description: 'Add a tip to the feed.',
    input: z.strictObject({
      content: shortText.trim().min(1, 'content must not be empty'),
      metadata: metadata.default({}),
    }),
    output: tip,
  },
  'tips.get': { description: 'One tip, dismissed or not.', input: byId, output: tip },
  'tips.list': {
    description: 'Tips, newest first; dismissed ones only when includeDismissed is true.',
    input: z.strictObject({ includeDismissed: z.boolean().default(false), limit: pageLimit(50), offset }),
    output: z.object({ items: z.array(tip), total: z.number().int().nonnegative() }),
  },
  'tips.dismiss': { description: 'Hide a tip from the feed.', input: byId, output: tip },
} as const
