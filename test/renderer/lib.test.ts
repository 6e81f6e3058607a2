import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alignPoints } from '../../src/renderer/src/lib/chartData'
import { addDays, dayKey, formatDuration, parseDayKey, startOfDay } from '../../src/renderer/src/lib/time'
import { TREE_PAGE, decodeDrag, encodeDrag, indexBefore, levelParams } from '../../src/renderer/src/lib/tree'

describe('local days (the Timeline, the heatmap and the due-date filter cut time by them)', () => {
  const original = process.env.TZ
  beforeAll(() => {
    // A zone with daylight saving: one day a year has 23 hours, one has 25.
    process.env.TZ = 'Europe/Berlin'
  })
  afterAll(() => {
    process.env.TZ = original
  })

  it('steps calendar days across a DST change, not 24-hour blocks', () => {
    const saturday = parseDayKey('2026-03-28') ?? 0
    const sunday = addDays(saturday, 1)
    expect(dayKey(sunday)).toBe('2026-03-29')
    expect(addDays(sunday, 1) - sunday).toBe(23 * 3_600_000)
    expect(startOfDay(sunday + 20 * 3_600_000)).toBe(sunday)
  })

  it('reads and writes the YYYY-MM-DD of date inputs, refusing anything else', () => {
    expect(dayKey(parseDayKey('2030-01-15') ?? 0)).toBe('2030-01-15')
    expect(parseDayKey('15/01/2030')).toBeNull()
    expect(parseDayKey(null)).toBeNull()
  })

  it('writes gaps the way a person says them', () => {
    expect(formatDuration(45_000)).toBe('45 s')
    expect(formatDuration(15 * 60_000)).toBe('15 min')
    expect(formatDuration(60 * 60_000)).toBe('1 h')
    expect(formatDuration(75 * 60_000)).toBe('1 h 15 min')
  })
})

describe('the folder tree', () => {
  it('drops a dragged item just before the target, counting siblings without the dragged item', () => {
    // From earlier in the same folder: the target moves up one slot once the dragged item leaves.
    expect(indexBefore({ id: 1, parentId: 5, position: 0 }, { parentId: 5, position: 3 })).toBe(2)
    // From later in the same folder, or from another folder: the target's own position.
    expect(indexBefore({ id: 1, parentId: 5, position: 4 }, { parentId: 5, position: 3 })).toBe(3)
    expect(indexBefore({ id: 1, parentId: null, position: 0 }, { parentId: 5, position: 3 })).toBe(3)
  })

  it('reads back what a drag carried, and refuses anything else dropped on the tree', () => {
    const source = { id: 7, parentId: null, position: 2 }
    expect(decodeDrag(encodeDrag(source))).toEqual(source)
    expect(decodeDrag('some text from another app')).toBeNull()
    expect(decodeDrag('{"id":"7"}')).toBeNull()
  })

  it('asks for one level a page at a time', () => {
    expect(levelParams(4, 2)).toEqual({ parentId: 4, offset: 2 * TREE_PAGE, limit: TREE_PAGE })
  })
})

describe('chart data', () => {
  it('aligns trend points into one time axis (seconds) and a zero-filled series per key', () => {
    const { keys, data } = alignPoints([
      { time: 3_600_000, key: 'b', value: 5 },
      { time: 0, key: 'a', value: 1 },
      { time: 3_600_000, key: 'a', value: 2 },
    ])
    expect(keys).toEqual(['a', 'b'])
    expect(data).toEqual([
      [0, 3600],
      [1, 2],
      [0, 5],
    ])
  })
})
