import type Database from 'better-sqlite3'
import type { JsonObject } from '../../shared/contract/common'
import { reasonedNoteSchema } from '../../shared/coreNotes'
import type { ReadNote, ReasonedNote } from '../../shared/coreNotes'
import type { Clock } from '../platform/clock'
import { parseJsonObject, writeTransaction } from '../services/sql'

export type WorkStatus = 'queued' | 'running' | 'done' | 'failed'

export interface WorkItem {
  id: number
  kind: string
  dedupeKey: string
  payload: JsonObject
  status: WorkStatus
  attempts: number
  maxAttempts: number
  lastError: string
  /** last_error by code and params, for a window to say in its language; null when it has none. */
  lastNote: ReadNote | null
  runAfter: number
}

interface WorkRow {
  id: number
  kind: string
  dedupe_key: string
  payload: string
  status: string
  attempts: number
  max_attempts: number
  last_error: string
  last_note: string | null
  run_after: number
}

/**
 * A stored note, or null when there is none or what is stored is not a note (a garbled or hostile value):
 * last_error still says it in English. Never throws. A code this build lacks is still a note; the window
 * falls back to last_error for it.
 */
function parseNote(stored: string | null): ReadNote | null {
  if (stored === null) return null
  let value: unknown
  try {
    value = JSON.parse(stored)
  } catch {
    return null
  }
  const parsed = reasonedNoteSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

/**
 * A note as stored: JSON checked against the contract's schema, or NULL. A note the contract would refuse
 * (a param from outside too long) is not kept: the English beside it still says what happened, and recording
 * the failure must not fail.
 */
function storedNote(said: ReasonedNote | null | undefined): string | null {
  if (!said) return null
  const parsed = reasonedNoteSchema.safeParse(said)
  return parsed.success ? JSON.stringify(parsed.data) : null
}

const toItem = (row: WorkRow): WorkItem => ({
  id: row.id,
  kind: row.kind,
  dedupeKey: row.dedupe_key,
  payload: parseJsonObject(row.payload),
  status: row.status as WorkStatus,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  lastError: row.last_error,
  lastNote: parseNote(row.last_note),
  runAfter: row.run_after,
})

export interface EnqueueOptions {
  runAfter?: number
  maxAttempts?: number
}

/**
 * The durable queue behind background AI work. Items survive restarts; an item that was running when the
 * process died is queued again at start-up; finishing an item and writing what it produced happen in one
 * transaction, so a crash can repeat work but never duplicate its result.
 */
export class WorkQueue {
  private readonly statements

  /**
   * `kinds` limits this queue to those kinds of work, so runners of different kinds (AI, OCR) share the table
   * without claiming, recovering or counting each other's items. Kinds are names from the code, never input.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    kinds?: readonly string[],
  ) {
    if (kinds?.some((kind) => !/^[A-Za-z][A-Za-z0-9]*$/.test(kind)))
      throw new Error('Work kinds are plain names.')
    const mine = kinds ? `kind IN (${kinds.map((kind) => `'${kind}'`).join(', ')})` : '1'
    this.statements = {
      enqueue: db.prepare(
        `INSERT INTO work_items (kind, dedupe_key, payload, max_attempts, run_after, created_at, updated_at)
         VALUES (@kind, @key, @payload, @maxAttempts, @runAfter, @now, @now)
         ON CONFLICT (kind, dedupe_key) DO NOTHING`,
      ),
      byKey: db.prepare<[string, string], WorkRow>(
        'SELECT * FROM work_items WHERE kind = ? AND dedupe_key = ?',
      ),
      get: db.prepare<[number], WorkRow>('SELECT * FROM work_items WHERE id = ?'),
      claim: db.prepare<[{ now: number }], WorkRow>(
        `UPDATE work_items SET status = 'running', attempts = attempts + 1, updated_at = @now
         WHERE id = (SELECT id FROM work_items WHERE status = 'queued' AND run_after <= @now AND ${mine} ORDER BY run_after, id LIMIT 1)
         RETURNING *`,
      ),
      finish: db.prepare(
        "UPDATE work_items SET status = 'done', result = ?, last_error = '', last_note = NULL, updated_at = ?, finished_at = ? WHERE id = ? AND status = 'running'",
      ),
      retry: db.prepare(
        "UPDATE work_items SET status = 'queued', last_error = ?, last_note = ?, run_after = ?, updated_at = ? WHERE id = ? AND status = 'running'",
      ),
      giveUp: db.prepare(
        "UPDATE work_items SET status = 'failed', last_error = ?, last_note = ?, updated_at = ?, finished_at = ? WHERE id = ? AND status = 'running'",
      ),
      recover: db.prepare(
        `UPDATE work_items SET status = 'queued', updated_at = ? WHERE status = 'running' AND ${mine}`,
      ),
      defer: db.prepare(
        "UPDATE work_items SET status = 'queued', attempts = max(attempts - 1, 0), last_error = ?, last_note = ?, run_after = ?, updated_at = ? WHERE id = ? AND status = 'running'",
      ),
      release: db.prepare(
        "UPDATE work_items SET status = 'queued', attempts = max(attempts - 1, 0), updated_at = ? WHERE id = ? AND status = 'running'",
      ),
      nextDue: db
        .prepare<[], number>(`SELECT min(run_after) FROM work_items WHERE status = 'queued' AND ${mine}`)
        .pluck(),
      problems: db.prepare<[number], WorkRow>(
        `SELECT * FROM work_items WHERE (status = 'failed' OR (status = 'queued' AND last_error <> '')) AND ${mine}
         ORDER BY updated_at DESC, id DESC LIMIT ?`,
      ),
      retryFailed: db.prepare(
        "UPDATE work_items SET status = 'queued', attempts = 0, run_after = ?, updated_at = ?, finished_at = NULL WHERE id = ? AND status = 'failed'",
      ),
      prune: db.prepare(
        `DELETE FROM work_items WHERE status IN ('done', 'failed') AND updated_at < ? AND ${mine} AND id NOT IN (SELECT max(id) FROM work_items GROUP BY kind)`,
      ),
      wake: db.prepare(
        `UPDATE work_items SET run_after = @now WHERE status = 'queued' AND run_after > @now AND ${mine}`,
      ),
      counts: db.prepare<[], { status: string; count: number }>(
        `SELECT status, count(*) AS count FROM work_items WHERE ${mine} GROUP BY status`,
      ),
    }
  }

  /** Adds work once per (kind, key); asking again returns the existing item untouched. */
  enqueue(kind: string, dedupeKey: string, payload: JsonObject, options: EnqueueOptions = {}): WorkItem {
    return writeTransaction(this.db, () => {
      this.offer(kind, dedupeKey, payload, options)
      const row = this.statements.byKey.get(kind, dedupeKey)
      if (!row) throw new Error(`The work item ${kind}/${dedupeKey} vanished right after it was queued.`)
      return toItem(row)
    })
  }

  /** Like enqueue, without reading the item back: true when it was added, false when it existed already. */
  offer(kind: string, dedupeKey: string, payload: JsonObject, options: EnqueueOptions = {}): boolean {
    const now = this.clock.now()
    return writeTransaction(
      this.db,
      () =>
        this.statements.enqueue.run({
          kind,
          key: dedupeKey,
          payload: JSON.stringify(payload),
          maxAttempts: options.maxAttempts ?? 5,
          runAfter: options.runAfter ?? now,
          now,
        }).changes > 0,
    )
  }

  /** Work left running by a process that died goes back in the queue; returns how many items. */
  recoverInterrupted(): number {
    return writeTransaction(this.db, () => this.statements.recover.run(this.clock.now()).changes)
  }

  /** Takes the next due item and marks it running, or null when nothing is due. */
  claimNext(): WorkItem | null {
    const row = writeTransaction(this.db, () => this.statements.claim.get({ now: this.clock.now() }))
    return row ? toItem(row) : null
  }

  /**
   * Marks an item done and, in the same transaction, writes what it produced: either both happen or neither.
   */
  complete(item: WorkItem, result: JsonObject, writeResult: () => void = () => undefined): void {
    const now = this.clock.now()
    writeTransaction(this.db, () => {
      writeResult()
      const changed = this.statements.finish.run(JSON.stringify(result), now, now, item.id).changes
      if (changed === 0) throw new Error(`Work item ${item.id} was not running; its result was not kept.`)
    })
  }

  /**
   * Records a failed attempt: queued again after `retryInMs`, or failed for good once attempts run out.
   * `said` is `error` by code and params when it has them.
   */
  fail(
    item: WorkItem,
    error: string,
    retryInMs: number,
    said: ReasonedNote | null = null,
  ): 'queued' | 'failed' {
    const now = this.clock.now()
    const stored = storedNote(said)
    return writeTransaction(this.db, () => {
      const current = this.statements.get.get(item.id)
      if (!current) return 'failed'
      if (current.attempts >= current.max_attempts) {
        this.statements.giveUp.run(error, stored, now, now, item.id)
        return 'failed'
      }
      this.statements.retry.run(error, stored, now + retryInMs, now, item.id)
      return 'queued'
    })
  }

  /** Fails an item for good, whatever attempts it has left (work nobody can do). */
  abandon(item: WorkItem, error: string, said: ReasonedNote | null = null): 'failed' {
    const now = this.clock.now()
    const stored = storedNote(said)
    writeTransaction(this.db, () => this.statements.giveUp.run(error, stored, now, now, item.id))
    return 'failed'
  }

  /** Puts a running item back untouched, its attempt not counted (the process is shutting down). */
  release(item: WorkItem): void {
    writeTransaction(this.db, () => this.statements.release.run(this.clock.now(), item.id))
  }

  /**
   * Puts a running item back until `runAfter` without counting the attempt: it could not run for a reason
   * outside itself (the day's token budget is spent, no model is configured), which `note` states (and
   * `said`, by code and params).
   */
  defer(item: WorkItem, note: string, runAfter: number, said: ReasonedNote | null = null): void {
    const stored = storedNote(said)
    writeTransaction(this.db, () =>
      this.statements.defer.run(note, stored, runAfter, this.clock.now(), item.id),
    )
  }

  /** Items that failed for good or are waiting after a failed or deferred attempt, newest first. */
  problems(limit: number): (WorkItem & { updatedAt: number })[] {
    return this.statements.problems
      .all(limit)
      .map((row) => ({ ...toItem(row), updatedAt: (row as WorkRow & { updated_at: number }).updated_at }))
  }

  /** A failed item gets a fresh set of attempts, due now; false when it is not failed (or gone). */
  retry(id: number): boolean {
    const now = this.clock.now()
    return writeTransaction(this.db, () => this.statements.retryFailed.run(now, now, id).changes > 0)
  }

  /**
   * Forgets finished items last touched before `before`, keeping the newest of each kind (planners read where
   * they left off from it). Only safe when planners never look back further than `before`.
   */
  pruneFinished(before: number): number {
    return writeTransaction(this.db, () => this.statements.prune.run(before).changes)
  }

  /** Makes every waiting item due now (what held it back has changed); returns how many. */
  wakeWaiting(): number {
    const now = this.clock.now()
    return writeTransaction(this.db, () => this.statements.wake.run({ now }).changes)
  }

  get(id: number): WorkItem | null {
    const row = this.statements.get.get(id)
    return row ? toItem(row) : null
  }

  /** When the earliest queued item becomes due, or null when the queue is empty. */
  nextDueAt(): number | null {
    return this.statements.nextDue.get() ?? null
  }

  counts(): Record<WorkStatus, number> {
    const counts: Record<WorkStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 }
    for (const row of this.statements.counts.all()) counts[row.status as WorkStatus] = row.count
    return counts
  }
}
