import { z } from 'zod'
import { epochMs, id } from '../common'

export const JOB_NAMES = [
  'monitoring.prune',
  'database.optimize',
  'backups.daily',
  'capture.retention',
] as const
export const jobName = z.enum(JOB_NAMES)
export type JobName = z.infer<typeof jobName>

export const jobRun = z.object({
  id,
  jobName,
  startedAt: epochMs,
  finishedAt: epochMs,
  ok: z.boolean(),
  result: z.record(z.string(), z.json()),
  error: z.string().nullable(),
})
export type JobRun = z.infer<typeof jobRun>

export const jobInfo = z.object({
  name: jobName,
  description: z.string(),
  intervalMs: z.number().int().positive(),
  running: z.boolean(),
  lastRun: jobRun.nullable(),
  nextRunAt: epochMs.nullable(),
})
export type JobInfo = z.infer<typeof jobInfo>

export const jobMethods = {
  'jobs.list': {
    description: 'Every background job with its last run and when it runs next.',
    input: z.strictObject({}),
    output: z.object({ jobs: z.array(jobInfo) }),
  },
  'jobs.run': {
    description: 'Run a job now and return the record of that run.',
    input: z.strictObject({ name: jobName }),
    output: jobRun,
  },
  'jobs.history': {
    description: 'Recent runs of one job, newest first.',
    input: z.strictObject({ name: jobName, limit: z.number().int().min(1).max(100).default(20) }),
    output: z.object({ items: z.array(jobRun) }),
  },
} as const
