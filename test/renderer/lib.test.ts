import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VaultNode } from '../../src/shared/contract'
import { alignPoints } from '../../src/renderer/src/lib/chartData'
import { addDays, dayKey, formatDuration, parseDayKey, startOfDay } from '../../src/renderer/src/lib/time'
import { visibleRows } from '../../src/renderer/src/lib/tree'

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
  const node = (id: number, parentId: number | null, isFolder = false): VaultNode => ({
    id,
    title: `n${id}`,
    tags: [],
    parentId,
    isFolder,
    isDeleted: false,
    deletedAt: null,
    documentType: 'note',
    sortOrder: id,
    createdAt: 0,
    updatedAt: 0,
  })

  it('nests children under their folder and hides those of a collapsed one', () => {
    const nodes = [node(1, null, true), node(2, 1, true), node(3, 2), node(4, null)]
    expect(visibleRows(nodes, new Set()).map((row) => [row.node.id, row.depth])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 0],
    ])
    expect(visibleRows(nodes, new Set([2])).map((row) => row.node.id)).toEqual([1, 2, 4])
  })

  it('shows an item whose folder is not in the list (trashed on its own) at the top level', () => {
    expect(visibleRows([node(7, 99)], new Set()).map((row) => row.depth)).toEqual([0])
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
