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

import { HOUR_MS } from '../../shared/time'

export { DAY_MS, HOUR_MS } from '../../shared/time'

/** Start of the UTC hour that contains `time`. */
export function hourBucket(time: number): number {
  return Math.floor(time / HOUR_MS) * HOUR_MS
}
