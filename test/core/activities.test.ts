import { describe, expect, it } from 'vitest'
import { HOUR_MS } from '../../src/core/platform/clock'
import { openTestCore } from '../support/core'

describe('activities', () => {
  it('records an activity with its resources and announces it', () => {
    const t = openTestCore()
    const activity = t.call('activities.create', {
      title: 'Reviewed the budget',
      content: 'Went through Q3 numbers',
      resources: { screenshots: ['/shots/1.png'], urls: ['https://example.com/q3'] },
      metadata: { app: 'Sheets', confidence: 0.9 },
      startAt: 1000,
      endAt: 5000,
    })
    expect(t.call('activities.get', { id: activity.id })).toEqual({
      id: activity.id,
      title: 'Reviewed the budget',
      content: 'Went through Q3 numbers',
      resources: { screenshots: ['/shots/1.png'], urls: ['https://example.com/q3'] },
      metadata: { app: 'Sheets', confidence: 0.9 },
      startAt: 1000,
      endAt: 5000,
      createdAt: t.clock.now(),
    })
    expect(t.eventsNamed('activities.created')).toEqual([{ activity }])
    expect(t.call('activities.create', { title: 'x', startAt: 1, endAt: 1 }).resources).toEqual({
      screenshots: [],
      urls: [],
    })
  })

  it('lists the activities that overlap a range, in time order either way', () => {
    const t = openTestCore()
    const h = (n: number) => n * HOUR_MS
    const make = (title: string, startAt: number, endAt: number) =>
      t.call('activities.create', { title, startAt, endAt }).title
    make('before', h(1), h(2) - 1)
    make('spans the start', h(2) - 10, h(3))
    make('inside', h(4), h(5))
    make('spans the end', h(6), h(9))
    make('covers it all', h(0), h(12))
    make('after', h(8), h(9))
    const list = t.call('activities.list', { from: h(2), to: h(8) })
    expect(list.items.map((item) => item.title)).toEqual([
      'covers it all',
      'spans the start',
      'inside',
      'spans the end',
    ])
    expect(list.total).toBe(4)
    const desc = t.call('activities.list', { from: h(2), to: h(8), order: 'desc', limit: 2 })
    expect(desc.items.map((item) => item.title)).toEqual(['spans the end', 'inside'])
    expect(desc.total).toBe(4)
  })

  it('gives the latest activity, or null when there is none', () => {
    const t = openTestCore()
    expect(t.call('activities.latest', {})).toEqual({ activity: null })
    t.call('activities.create', { title: 'late start', startAt: 5000, endAt: 6000 })
    t.call('activities.create', { title: 'recorded later, started earlier', startAt: 1000, endAt: 9000 })
    expect(t.call('activities.latest', {}).activity?.title).toBe('late start')
  })

  it('counts activities by the day they start in, for the heatmap', () => {
    const t = openTestCore()
    t.call('activities.create', { title: 'a', startAt: 100, endAt: 5000 })
    t.call('activities.create', { title: 'b', startAt: 1000, endAt: 1100 })
    t.call('activities.create', { title: 'c', startAt: 2000, endAt: 2100 })
    // Counted once, where it starts, even though it runs into the next bucket.
    expect(t.call('activities.countByDay', { boundaries: [0, 1000, 2000, 3000] })).toEqual({
      counts: [1, 1, 1],
    })
    expect(t.call('activities.countByDay', { boundaries: [3000, 4000] })).toEqual({ counts: [0] })
    expect(t.fail('activities.countByDay', { boundaries: [2000, 1000] }).code).toBe('INVALID_INPUT')
  })

  it('deletes an activity but keeps the todos made from it', () => {
    const t = openTestCore()
    const activity = t.call('activities.create', { title: 'Call', startAt: 0, endAt: 10 })
    const todo = t.call('todos.create', { content: 'Send the notes', sourceActivityId: activity.id })
    expect(t.call('activities.delete', { id: activity.id })).toEqual({ id: activity.id, deleted: true })
    expect(t.fail('activities.get', { id: activity.id }).code).toBe('NOT_FOUND')
    expect(t.call('todos.get', { id: todo.id })).toMatchObject({
      content: 'Send the notes',
      sourceActivityId: null,
    })
    expect(t.fail('activities.delete', { id: activity.id }).code).toBe('NOT_FOUND')
  })
})
