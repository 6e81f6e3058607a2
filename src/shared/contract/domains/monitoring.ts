import { z } from 'zod'
import { epochMs, timeWindow } from '../common'

const name = z.string().trim().min(1).max(200)
const count = z.number().int().nonnegative().max(1_000_000_000_000)
const durationMs = z.number().int().nonnegative().max(86_400_000)

export const tokenUsageRow = z.object({
  timeBucket: epochMs,
  model: z.string(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  requestCount: z.number().int().nonnegative(),
})
export const stageTimingRow = z.object({
  timeBucket: epochMs,
  stageName: z.string(),
  count: z.number().int().nonnegative(),
  totalDurationMs: z.number().int().nonnegative(),
  minDurationMs: z.number().int().nonnegative(),
  maxDurationMs: z.number().int().nonnegative(),
  averageDurationMs: z.number().nonnegative(),
  successCount: z.number().int().nonnegative(),
  errorCount: z.number().int().nonnegative(),
})
export const dataStatsRow = z.object({
  timeBucket: epochMs,
  dataType: z.string(),
  contextType: z.string(),
  count: z.number().int().nonnegative(),
})
export type TokenUsageRow = z.infer<typeof tokenUsageRow>
export type StageTimingRow = z.infer<typeof stageTimingRow>
export type DataStatsRow = z.infer<typeof dataStatsRow>

export const TREND_METRICS = ['tokens', 'stageDuration', 'stageErrors', 'data'] as const
export const trendPoint = z.object({ time: epochMs, key: z.string(), value: z.number() })

export const monitoringMethods = {
  'monitoring.recordTokenUsage': {
    description:
      'Add token usage of one model call to the current hour bucket (at = time of the call, default now).',
    input: z.strictObject({
      model: name,
      promptTokens: count,
      completionTokens: count,
      at: epochMs.optional(),
    }),
    output: tokenUsageRow,
  },
  'monitoring.recordStageTiming': {
    description:
      'Add one run of a pipeline stage (its duration and whether it succeeded) to its hour bucket.',
    input: z.strictObject({ stageName: name, durationMs, ok: z.boolean(), at: epochMs.optional() }),
    output: stageTimingRow,
  },
  'monitoring.recordDataStats': {
    description: 'Count items of a data type (and optional context type) into their hour bucket.',
    input: z.strictObject({
      dataType: name,
      contextType: z.string().trim().max(200).default(''),
      count: count.min(1).default(1),
      at: epochMs.optional(),
    }),
    output: dataStatsRow,
  },
  'monitoring.tokenUsage': {
    description: 'Token usage per hour bucket and model, for the last N hours or a range.',
    input: timeWindow,
    output: z.object({ rows: z.array(tokenUsageRow) }),
  },
  'monitoring.stageTiming': {
    description: 'Stage timings per hour bucket (count, total, min, max, average, successes, errors).',
    input: timeWindow,
    output: z.object({ rows: z.array(stageTimingRow) }),
  },
  'monitoring.dataStats': {
    description: 'Data counts per hour bucket, data type and context type.',
    input: timeWindow,
    output: z.object({ rows: z.array(dataStatsRow) }),
  },
  'monitoring.trend': {
    description:
      'One metric summed per interval (a whole number of hours) and key (model, stage or data type), oldest first.',
    input: z.strictObject({
      metric: z.enum(TREND_METRICS),
      window: timeWindow,
      intervalHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 31)
        .default(1),
    }),
    output: z.object({ intervalMs: z.number().int().positive(), points: z.array(trendPoint) }),
  },
} as const
