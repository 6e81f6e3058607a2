import type Database from 'better-sqlite3'
import { englishOf, note } from '../../shared/coreNotes'
import type { CoreNote } from '../../shared/coreNotes'
import { LlmError } from '../llm/client'
import { DAY_MS } from '../platform/clock'

export interface BudgetState {
  /** 0 means unlimited. */
  limit: number
  usedToday: number
  /** Start of the next UTC day, when the count starts again. */
  resetsAt: number
  exhausted: boolean
  message: string | null
  /** The message by code and params; null when the budget is not spent. */
  note: CoreNote | null
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
    const said = exhausted
      ? note('aiBudgetExhausted', {
          limit,
          used: usedToday,
          time: new Date(resetsAt).toISOString().slice(11, 16),
        })
      : null
    return { limit, usedToday, resetsAt, exhausted, message: said && englishOf(said), note: said }
  }

  /** Throws RATE_LIMITED with the visible message when the budget is spent. */
  check(limit: number, now: number): void {
    const state = this.state(limit, now)
    if (state.note) throw new LlmError('RATE_LIMITED', 'aiBudgetExhausted', state.note.params)
  }
}
