export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof setTimeout>

/** Time and timers, injectable so jobs and stream flushes can be tested without waiting. */
export interface Clock {
  now(): number
  setTimer(callback: () => void, delayMs: number): TimerHandle
  clearTimer(handle: TimerHandle): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs)
    // Background timers must never keep a process alive that is otherwise done.
    handle.unref()
    return handle
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS

/** Start of the UTC hour that contains `time`. */
export function hourBucket(time: number): number {
  return Math.floor(time / HOUR_MS) * HOUR_MS
}
