import type Database from 'better-sqlite3'
import { AppError } from '../../shared/contract/errors'
import { DAY_MS } from '../platform/clock'

export interface BudgetState {
  /** 0 means unlimited. */
  limit: number
  usedToday: number
  /** Start of the next UTC day, when the count starts again. */
  resetsAt: number
  exhausted: boolean
  message: string | null
}

/** Start of the UTC day containing `time`: monitoring buckets are UTC hours, so a UTC day sums them exactly. */
export const utcDayStart = (time: number): number => Math.floor(time / DAY_MS) * DAY_MS

/**
 * The daily token budget. Usage is what monitoring recorded for today's UTC hour buckets, so every counted
 * call (chat, streams, embeddings, background work) counts against the same number.
 */
export class TokenBudget {
  private readonly usedSince

  constructor(db: Database.Database) {
    this.usedSince = db
      .prepare<[number], number | null>(
        'SELECT sum(total_tokens) FROM monitoring_token_usage WHERE time_bucket >= ?',
      )
      .pluck()
  }

  state(limit: number, now: number): BudgetState {
    const start = utcDayStart(now)
    const usedToday = this.usedSince.get(start) ?? 0
    const resetsAt = start + DAY_MS
    const exhausted = limit > 0 && usedToday >= limit
    return {
      limit,
      usedToday,
      resetsAt,
      exhausted,
      message: exhausted
        ? `AI work is paused: today's token budget of ${limit.toLocaleString('en')} tokens is used up ` +
          `(${usedToday.toLocaleString('en')} used). It resumes at ${new Date(resetsAt).toISOString().slice(11, 16)} UTC, ` +
          'or raise the budget in Settings.'
        : null,
    }
  }

  /** Throws RATE_LIMITED with the visible message when the budget is spent. */
  check(limit: number, now: number): void {
    const state = this.state(limit, now)
    if (state.message) throw new AppError('RATE_LIMITED', state.message)
  }
}
