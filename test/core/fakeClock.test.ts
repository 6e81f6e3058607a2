import { describe, expect, it } from 'vitest'
import { FakeClock } from '../support/fakeClock'

describe('FakeClock (test support)', () => {
  it('fires due timers in order, at their own time, including ones set while advancing', () => {
    const clock = new FakeClock(1000)
    const fired: [string, number][] = []
    clock.setTimer(() => fired.push(['b', clock.now()]), 50)
    clock.setTimer(() => fired.push(['a', clock.now()]), 10)
    clock.setTimer(() => {
      fired.push(['c', clock.now()])
      clock.setTimer(() => fired.push(['d', clock.now()]), 20)
    }, 50)
    const cancelled = clock.setTimer(() => fired.push(['never', clock.now()]), 30)
    clock.clearTimer(cancelled)
    clock.advance(60)
    expect(fired).toEqual([
      ['a', 1010],
      ['b', 1050],
      ['c', 1050],
    ])
    expect(clock.now()).toBe(1060)
    expect(clock.pendingTimers).toBe(1)
    clock.advance(10)
    expect(fired.at(-1)).toEqual(['d', 1070])
    expect(clock.pendingTimers).toBe(0)
    expect(() => clock.advance(-1)).toThrow()
  })
})
