import type { Clock, TimerHandle } from '../../src/core/platform/clock'

interface FakeTimer {
  id: number
  at: number
  callback: () => void
}

/**
 * A clock that only moves when told. `advance(ms)` fires every timer that falls due within the step, in the
 * order they are due (ties: the order they were set), with `now()` set to each timer's due time as it fires.
 */
export class FakeClock implements Clock {
  private time: number
  private nextId = 1
  private readonly timers = new Map<number, FakeTimer>()

  constructor(start = Date.UTC(2025, 0, 15, 12, 0, 0)) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const timer: FakeTimer = { id: this.nextId++, at: this.time + Math.max(0, delayMs), callback }
    this.timers.set(timer.id, timer)
    return { fakeTimerId: timer.id } as unknown as TimerHandle
  }

  clearTimer(handle: TimerHandle): void {
    const id = (handle as unknown as { fakeTimerId?: unknown }).fakeTimerId
    if (typeof id === 'number') this.timers.delete(id)
  }

  /** How many timers are waiting. */
  get pendingTimers(): number {
    return this.timers.size
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('A FakeClock cannot go back in time.')
    const target = this.time + ms
    for (;;) {
      let due: FakeTimer | undefined
      for (const timer of this.timers.values()) {
        if (timer.at <= target && (!due || timer.at < due.at || (timer.at === due.at && timer.id < due.id)))
          due = timer
      }
      if (!due) break
      this.timers.delete(due.id)
      this.time = Math.max(this.time, due.at)
      due.callback()
    }
    this.time = target
  }
}
