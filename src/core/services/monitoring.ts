import type { TimeWindow } from '../../shared/contract/common'
import type { StageTimingRow } from '../../shared/contract/domains/monitoring'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import { HOUR_MS, hourBucket } from '../platform/clock'
import type { ServiceContext } from './context'
import { writeTransaction } from './sql'

interface StageRow {
  time_bucket: number
  stage_name: string
  count: number
  total_duration_ms: number
  min_duration_ms: number
  max_duration_ms: number
  success_count: number
  error_count: number
}

const toStageTiming = (row: StageRow): StageTimingRow => ({
  timeBucket: row.time_bucket,
  stageName: row.stage_name,
  count: row.count,
  totalDurationMs: row.total_duration_ms,
  minDurationMs: row.min_duration_ms,
  maxDurationMs: row.max_duration_ms,
  averageDurationMs: row.count > 0 ? row.total_duration_ms / row.count : 0,
  successCount: row.success_count,
  errorCount: row.error_count,
})

export interface PruneCounts {
  tokenUsage: number
  stageTiming: number
  dataStats: number
}

/** One model call's tokens added to its hour bucket; the bench runs this very statement as its ceiling. */
export const UPSERT_TOKEN_USAGE_SQL = `INSERT INTO monitoring_token_usage (time_bucket, model, prompt_tokens, completion_tokens, total_tokens, request_count)
         VALUES (@bucket, @model, @prompt, @completion, @prompt + @completion, 1)
         ON CONFLICT (time_bucket, model) DO UPDATE SET
           prompt_tokens = prompt_tokens + excluded.prompt_tokens,
           completion_tokens = completion_tokens + excluded.completion_tokens,
           total_tokens = total_tokens + excluded.total_tokens,
           request_count = request_count + 1
         RETURNING time_bucket AS timeBucket, model, prompt_tokens AS promptTokens, completion_tokens AS completionTokens,
           total_tokens AS totalTokens, request_count AS requestCount`

/**
 * The sum for one metric per interval and key; the ORDER BY makes the output oldest first and stable.
 * better-sqlite3 binds JS numbers as REAL, so `time_bucket / @interval` would not round down to the interval:
 * `%` converts both sides to INTEGER and does.
 */
const TREND_SQL = {
  tokens: `SELECT time_bucket - time_bucket % @interval AS time, model AS key, sum(total_tokens) AS value
           FROM monitoring_token_usage WHERE time_bucket >= @from AND time_bucket < @to GROUP BY 1, 2 ORDER BY 1, 2`,
  stageDuration: `SELECT time_bucket - time_bucket % @interval AS time, stage_name AS key,
           CAST(sum(total_duration_ms) AS REAL) / max(sum(count), 1) AS value
           FROM monitoring_stage_timing WHERE time_bucket >= @from AND time_bucket < @to GROUP BY 1, 2 ORDER BY 1, 2`,
  stageErrors: `SELECT time_bucket - time_bucket % @interval AS time, stage_name AS key, sum(error_count) AS value
           FROM monitoring_stage_timing WHERE time_bucket >= @from AND time_bucket < @to GROUP BY 1, 2 ORDER BY 1, 2`,
  data: `SELECT time_bucket - time_bucket % @interval AS time, data_type AS key, sum(count) AS value
           FROM monitoring_data_stats WHERE time_bucket >= @from AND time_bucket < @to GROUP BY 1, 2 ORDER BY 1, 2`,
} as const

/**
 * Hourly monitoring buckets. Every record is one atomic UPSERT (count, sums, min and max in a single
 * statement); averages are derived when read, so concurrent writers can never skew them.
 */
export class MonitoringService {
  private readonly statements

  constructor(private readonly ctx: ServiceContext) {
    const { db } = ctx
    this.statements = {
      upsertTokens: db.prepare(UPSERT_TOKEN_USAGE_SQL),
      upsertStage: db.prepare(
        `INSERT INTO monitoring_stage_timing
           (time_bucket, stage_name, count, total_duration_ms, min_duration_ms, max_duration_ms, success_count, error_count)
         VALUES (@bucket, @stage, 1, @duration, @duration, @duration, @success, @error)
         ON CONFLICT (time_bucket, stage_name) DO UPDATE SET
           count = count + 1,
           total_duration_ms = total_duration_ms + excluded.total_duration_ms,
           min_duration_ms = min(min_duration_ms, excluded.min_duration_ms),
           max_duration_ms = max(max_duration_ms, excluded.max_duration_ms),
           success_count = success_count + excluded.success_count,
           error_count = error_count + excluded.error_count
         RETURNING time_bucket, stage_name, count, total_duration_ms, min_duration_ms, max_duration_ms, success_count, error_count`,
      ),
      upsertData: db.prepare(
        `INSERT INTO monitoring_data_stats (time_bucket, data_type, context_type, count)
         VALUES (@bucket, @dataType, @contextType, @count)
         ON CONFLICT (time_bucket, data_type, context_type) DO UPDATE SET count = count + excluded.count
         RETURNING time_bucket AS timeBucket, data_type AS dataType, context_type AS contextType, count`,
      ),
      tokenUsage: db.prepare(
        `SELECT time_bucket AS timeBucket, model, prompt_tokens AS promptTokens, completion_tokens AS completionTokens,
           total_tokens AS totalTokens, request_count AS requestCount
         FROM monitoring_token_usage WHERE time_bucket >= ? AND time_bucket < ? ORDER BY time_bucket, model`,
      ),
      stageTiming: db.prepare<[number, number], StageRow>(
        `SELECT time_bucket, stage_name, count, total_duration_ms, min_duration_ms, max_duration_ms, success_count, error_count
         FROM monitoring_stage_timing WHERE time_bucket >= ? AND time_bucket < ? ORDER BY time_bucket, stage_name`,
      ),
      dataStats: db.prepare(
        `SELECT time_bucket AS timeBucket, data_type AS dataType, context_type AS contextType, count
         FROM monitoring_data_stats WHERE time_bucket >= ? AND time_bucket < ? ORDER BY time_bucket, data_type, context_type`,
      ),
      pruneTokens: db.prepare('DELETE FROM monitoring_token_usage WHERE time_bucket < ?'),
      pruneStages: db.prepare('DELETE FROM monitoring_stage_timing WHERE time_bucket < ?'),
      pruneData: db.prepare('DELETE FROM monitoring_data_stats WHERE time_bucket < ?'),
      trend: {
        tokens: db.prepare(TREND_SQL.tokens),
        stageDuration: db.prepare(TREND_SQL.stageDuration),
        stageErrors: db.prepare(TREND_SQL.stageErrors),
        data: db.prepare(TREND_SQL.data),
      },
    }
  }

  /** Bucket bounds [from, to) of a window; "last N hours" includes the current, partial hour. */
  private bounds(window: TimeWindow): [number, number] {
    if (window.hours !== undefined) {
      const current = hourBucket(this.ctx.clock.now())
      return [current - (window.hours - 1) * HOUR_MS, current + HOUR_MS]
    }
    return [hourBucket(window.from ?? 0), window.to ?? 0]
  }

  recordTokenUsage(
    input: MethodInput<'monitoring.recordTokenUsage'>,
  ): MethodResult<'monitoring.recordTokenUsage'> {
    return writeTransaction(this.ctx.db, () =>
      this.statements.upsertTokens.get({
        bucket: hourBucket(input.at ?? this.ctx.clock.now()),
        model: input.model,
        prompt: input.promptTokens,
        completion: input.completionTokens,
      }),
    ) as MethodResult<'monitoring.recordTokenUsage'>
  }

  recordStageTiming(
    input: MethodInput<'monitoring.recordStageTiming'>,
  ): MethodResult<'monitoring.recordStageTiming'> {
    const row = writeTransaction(this.ctx.db, () =>
      this.statements.upsertStage.get({
        bucket: hourBucket(input.at ?? this.ctx.clock.now()),
        stage: input.stageName,
        duration: input.durationMs,
        success: input.ok ? 1 : 0,
        error: input.ok ? 0 : 1,
      }),
    ) as StageRow
    return toStageTiming(row)
  }

  recordDataStats(
    input: MethodInput<'monitoring.recordDataStats'>,
  ): MethodResult<'monitoring.recordDataStats'> {
    return writeTransaction(this.ctx.db, () =>
      this.statements.upsertData.get({
        bucket: hourBucket(input.at ?? this.ctx.clock.now()),
        dataType: input.dataType,
        contextType: input.contextType,
        count: input.count,
      }),
    ) as MethodResult<'monitoring.recordDataStats'>
  }

  tokenUsage(input: MethodInput<'monitoring.tokenUsage'>): MethodResult<'monitoring.tokenUsage'> {
    return {
      rows: this.statements.tokenUsage.all(
        ...this.bounds(input),
      ) as MethodResult<'monitoring.tokenUsage'>['rows'],
    }
  }

  stageTiming(input: MethodInput<'monitoring.stageTiming'>): MethodResult<'monitoring.stageTiming'> {
    return { rows: this.statements.stageTiming.all(...this.bounds(input)).map(toStageTiming) }
  }

  dataStats(input: MethodInput<'monitoring.dataStats'>): MethodResult<'monitoring.dataStats'> {
    return {
      rows: this.statements.dataStats.all(
        ...this.bounds(input),
      ) as MethodResult<'monitoring.dataStats'>['rows'],
    }
  }

  trend(input: MethodInput<'monitoring.trend'>): MethodResult<'monitoring.trend'> {
    const [from, to] = this.bounds(input.window)
    const interval = input.intervalHours * HOUR_MS
    const points = this.statements.trend[input.metric].all({
      from,
      to,
      interval,
    }) as MethodResult<'monitoring.trend'>['points']
    return { intervalMs: interval, points }
  }

  /** Deletes every bucket that starts before `cutoff`; running it twice removes nothing the second time. */
  prune(cutoff: number): PruneCounts {
    return writeTransaction(this.ctx.db, () => ({
      tokenUsage: this.statements.pruneTokens.run(cutoff).changes,
      stageTiming: this.statements.pruneStages.run(cutoff).changes,
      dataStats: this.statements.pruneData.run(cutoff).changes,
    }))
  }
}
