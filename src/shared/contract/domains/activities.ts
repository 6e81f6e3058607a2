import { z } from 'zod'
import { byId, content, deleted, empty, epochMs, id, metadata, pageLimit, title } from '../common'
import { LIMITS } from '../limits'

export const activityResources = z.strictObject({
  screenshots: z.array(z.string().min(1).max(LIMITS.url)).max(LIMITS.resourceList).default([]),
  urls: z.array(z.string().min(1).max(LIMITS.url)).max(LIMITS.resourceList).default([]),
})

export const activity = z.object({
  id,
  title: z.string(),
  content: z.string(),
  resources: z.object({ screenshots: z.array(z.string()), urls: z.array(z.string()) }),
  metadata: z.record(z.string(), z.json()),
  startAt: epochMs,
  endAt: epochMs,
  createdAt: epochMs,
})
export type Activity = z.infer<typeof activity>

export const activityMethods = {
  'activities.create': {
    description: 'Record an activity: what the person did between startAt and endAt.',
    input: z
      .strictObject({
        title: title.trim().min(1, 'title must not be empty'),
        content: content.default(''),
        resources: activityResources.default({ screenshots: [], urls: [] }),
        metadata: metadata.default({}),
        startAt: epochMs,
        endAt: epochMs,
      })
      .refine((value) => value.endAt >= value.startAt, {
        message: 'endAt must not be before startAt',
        path: ['endAt'],
      }),
    output: activity,
  },
  'activities.get': { description: 'One activity by id.', input: byId, output: activity },
  'activities.list': {
    description: 'Activities that overlap [from, to), in time order (order=desc for newest first).',
    input: z
      .strictObject({
        from: epochMs,
        to: epochMs,
        order: z.enum(['asc', 'desc']).default('asc'),
        limit: pageLimit(200),
        offset: z.number().int().nonnegative().max(1_000_000_000).default(0),
      })
      .refine((value) => value.to > value.from, { message: 'to must be after from', path: ['to'] }),
    output: z.object({ items: z.array(activity), total: z.number().int().nonnegative() }),
  },
  'activities.countByDay': {
    description:
      'How many activities start in each [boundaries[i], boundaries[i+1]) (local days, as the caller cuts them): the heatmap.',
    input: z.strictObject({
      boundaries: z
        .array(epochMs)
        .min(2)
        .max(400)
        .refine((values) => values.every((value, index) => index === 0 || value > (values[index - 1] ?? 0)), {
          message: 'boundaries must be strictly increasing',
        }),
    }),
    output: z.object({ counts: z.array(z.number().int().nonnegative()) }),
  },
  'activities.latest': {
    description: 'The most recent activity, or null when there is none.',
    input: empty,
    output: z.object({ activity: activity.nullable() }),
  },
  'activities.delete': {
    description: 'Delete an activity (todos made from it keep existing).',
    input: byId,
    output: deleted,
  },
} as const
