/**
 * When Cairn tries again after SQLITE_BUSY (docs/ARCHITECTURE.md, "Retries"):
 * - A contract write is never re-run by us. SQLite's busy_timeout is its only wait, and it waits *before* the
 *   write transaction begins (BEGIN IMMEDIATE), when nothing has happened yet; after it the call answers
 *   UNAVAILABLE ("nothing was saved") and the person decides. Re-running a write that failed later could repeat
 *   what it did outside the database (events sent, files written).
 * - Work that is safe to repeat is retried: checkpoints, and background jobs, whose definitions promise that a
 *   run may be repeated (src/core/jobs/scheduler.ts tries a busy job again after a short delay).
 */

/** SQLITE_BUSY or SQLITE_LOCKED (and their extended codes): another connection holds a lock. */
export function isBusyError(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}

export interface BusyRetryOptions {
  /** Tries in all, the first included (default 4). */
  attempts?: number
  /** The wait before the second try; doubled for each one after (default 25 ms). */
  delayMs?: number
  /** How to wait; the default blocks this thread (the core's work is synchronous). */
  sleep?: (ms: number) => void
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))
export const sleepSync = (ms: number): void => void Atomics.wait(sleeper, 0, 0, ms)

/**
 * Runs idempotent work, trying again while it fails because the database is busy. Never use it for a write that
 * must not happen twice: see the rules above. Any other failure, or the last busy one, is thrown.
 */
export function retryWhenBusy<T>(work: () => T, options: BusyRetryOptions = {}): T {
  const attempts = Math.max(1, options.attempts ?? 4)
  const sleep = options.sleep ?? sleepSync
  let delay = options.delayMs ?? 25
  for (let attempt = 1; ; attempt += 1) {
    try {
      return work()
    } catch (error) {
      if (!isBusyError(error) || attempt >= attempts) throw error
      sleep(delay)
      delay *= 2
    }
  }
}

/** The error a busy result is turned into, so retryWhenBusy sees it like a thrown SQLITE_BUSY. */
export class BusyResult extends Error {
  readonly code = 'SQLITE_BUSY'
}
