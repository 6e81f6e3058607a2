import type { JsonObject } from '../../shared/contract/common'
import { englishOf, note } from '../../shared/coreNotes'
import type { ReasonedNote } from '../../shared/coreNotes'
import type { Clock, TimerHandle } from '../platform/clock'
import { HOUR_MS } from '../platform/clock'
import type { WorkItem, WorkQueue } from './queue'

export interface WorkOutcome {
  result: JsonObject
  /** Writes what the work produced; runs in the same transaction that marks the item done. */
  write?: () => void
}

/**
 * Thrown by a handler whose item cannot run yet for a reason outside it; the attempt is not counted. Given a
 * note, its message is the note's English.
 */
export class DeferWork extends Error {
  readonly note: ReasonedNote | null

  constructor(
    reason: string | ReasonedNote,
    readonly runAfter: number,
  ) {
    super(typeof reason === 'string' ? reason : englishOf(reason))
    this.name = 'DeferWork'
    this.note = typeof reason === 'string' ? null : reason
  }
}

export type WorkHandler = (item: WorkItem, signal: AbortSignal) => Promise<WorkOutcome>

export interface WorkRunnerOptions {
  /** Wait before the next attempt after the given (1-based) failed attempt. */
  retryDelayMs?: (attempt: number) => number
  /** A failure of the queue itself (not of an item), e.g. the database closed or busy. */
  onError?: (error: unknown) => void
  /** A handler's error by code and params, when it has them (kept beside its English on the item). */
  noteOf?: (error: unknown) => ReasonedNote | null
  onSettled?: (
    item: WorkItem,
    outcome: 'done' | 'queued' | 'failed' | 'deferred',
    error: string | null,
  ) => void
}

const defaultRetryDelay = (attempt: number): number => Math.min(HOUR_MS, 30_000 * 2 ** (attempt - 1))

/** Runs due work items one at a time with their handler, retrying failures with back-off. */
export class WorkRunner {
  private timer: TimerHandle | null = null
  private running: Promise<void> | null = null
  private controller: AbortController | null = null
  private stopped = true

  constructor(
    private readonly queue: WorkQueue,
    private readonly clock: Clock,
    private readonly handlers: Readonly<Record<string, WorkHandler>>,
    private readonly options: WorkRunnerOptions = {},
  ) {}

  /** Puts back work a dead process left running, then starts working through what is due. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.queue.recoverInterrupted()
    this.poke()
  }

  /** Stops after the item in hand (whose request is aborted); it is queued again for the next start. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer !== null) this.clock.clearTimer(this.timer)
    this.timer = null
    this.controller?.abort()
    await this.running
  }

  /** Looks for due work now (call after enqueueing). */
  poke(): void {
    if (this.stopped || this.running) return
    if (this.timer !== null) this.clock.clearTimer(this.timer)
    this.timer = null
    this.running = this.drain()
      // A database error outside any item (claiming, recording a failure) must not become an unhandled rejection.
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.running = null
        this.scheduleNext()
      })
  }

  /** Resolves when no work is in hand (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  private scheduleNext(): void {
    if (this.stopped) return
    let due: number | null
    try {
      due = this.queue.nextDueAt()
    } catch (error) {
      this.options.onError?.(error)
      return
    }
    if (due === null) return
    this.timer = this.clock.setTimer(
      () => {
        this.timer = null
        this.poke()
      },
      Math.max(0, due - this.clock.now()),
    )
  }

  private async drain(): Promise<void> {
    // Check before claiming: an item claimed after stop() would be left running.
    while (!this.stopped) {
      const item = this.queue.claimNext()
      if (item === null) return
      await this.runOne(item)
    }
  }

  private async runOne(item: WorkItem): Promise<void> {
    const handler = this.handlers[item.kind]
    if (!handler) {
      const said = note('workNoHandler', { kind: item.kind.slice(0, 100) })
      const error = englishOf(said)
      this.settle(item, this.queue.abandon(item, error, said), error)
      return
    }
    this.controller = new AbortController()
    try {
      const outcome = await handler(item, this.controller.signal)
      if (this.stopped && this.controller.signal.aborted) throw new Error('stopped')
      this.queue.complete(item, outcome.result, outcome.write)
      this.settle(item, 'done', null)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (error instanceof DeferWork && !this.stopped) {
        this.queue.defer(item, message, error.runAfter, error.note)
        this.settle(item, 'deferred', message)
        return
      }
      if (this.stopped) {
        // Shutting down is not the item's fault: it goes back as it was, attempt not counted against it.
        try {
          this.queue.release(item)
        } catch {
          // The database closed first; recoverInterrupted puts the item back at the next start.
        }
        return
      }
      const retryDelay = (this.options.retryDelayMs ?? defaultRetryDelay)(item.attempts)
      const said = this.options.noteOf?.(error) ?? null
      this.settle(item, this.queue.fail(item, message, retryDelay, said), message)
    } finally {
      this.controller = null
    }
  }

  private settle(
    item: WorkItem,
    outcome: 'done' | 'queued' | 'failed' | 'deferred',
    error: string | null,
  ): void {
    this.options.onSettled?.(item, outcome, error)
  }
}
