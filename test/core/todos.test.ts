import { describe, expect, it } from 'vitest'
import { DAY_MS, HOUR_MS } from '../../src/core/platform/clock'
import { openTestCore } from '../support/core'
import type { TestCore } from '../support/core'
import type { MethodParams } from '../../src/shared/contract/methods'

const contents = (t: TestCore, params: MethodParams<'todos.list'> = {}): string[] =>
  t.call('todos.list', params).items.map((todo) => todo.content)

describe('todos', () => {
  it('creates a todo with defaults and tells clients', () => {
    const t = openTestCore()
    const todo = t.call('todos.create', { content: '  Call the bank  ' })
    expect(todo).toEqual({
      id: todo.id,
      content: 'Call the bank',
      status: 'open',
      urgency: 0,
      assignee: '',
      reason: '',
      dueAt: null,
      startAt: null,
      endAt: null,
      sourceActivityId: null,
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    })
    expect(t.call('todos.get', { id: todo.id })).toEqual(todo)
    expect(t.eventsNamed('todos.changed')).toEqual([{ action: 'created', id: todo.id, todo }])
    expect(t.fail('todos.create', { content: 'x', sourceActivityId: 42 }).code).toBe('NOT_FOUND')
  })

  it('orders by due date when asked: soonest first, no due date last, then most urgent', () => {
    const t = openTestCore()
    const day = Date.UTC(2025, 0, 16)
    t.call('todos.create', { content: 'someday urgent', urgency: 3 })
    t.call('todos.create', { content: 'tomorrow', urgency: 0, dueAt: day + DAY_MS })
    t.call('todos.create', { content: 'yesterday', urgency: 0, dueAt: day - DAY_MS })
    t.call('todos.create', { content: 'today low', urgency: 0, dueAt: day })
    t.call('todos.create', { content: 'today high', urgency: 2, dueAt: day })
    expect(contents(t, { status: 'open', order: 'due' })).toEqual([
      'yesterday',
      'today high',
      'today low',
      'tomorrow',
      'someday urgent',
    ])
    expect(contents(t, { status: 'open' })[0]).toBe('someday urgent')
  })

  it('filters by status, minimum urgency and due window', () => {
    const t = openTestCore()
    const day = Date.UTC(2025, 0, 16)
    t.call('todos.create', { content: 'low today', urgency: 0, dueAt: day + 9 * HOUR_MS })
    t.call('todos.create', { content: 'critical today', urgency: 3, dueAt: day + 17 * HOUR_MS })
    t.call('todos.create', { content: 'high tomorrow', urgency: 2, dueAt: day + DAY_MS + HOUR_MS })
    t.call('todos.create', { content: 'due at midnight', urgency: 1, dueAt: day })
    t.call('todos.create', { content: 'someday', urgency: 2 })
    const done = t.call('todos.create', { content: 'done today', urgency: 3, dueAt: day + HOUR_MS })
    t.call('todos.setStatus', { id: done.id, status: 'done' })

    expect(contents(t, { dueFrom: day, dueTo: day + DAY_MS })).toEqual([
      'critical today',
      'due at midnight',
      'low today',
      'done today',
    ])
    expect(contents(t, { status: 'open', dueFrom: day, dueTo: day + DAY_MS })).toEqual([
      'critical today',
      'due at midnight',
      'low today',
    ])
    expect(contents(t, { status: 'done' })).toEqual(['done today'])
    expect(contents(t, { status: 'open', minUrgency: 2 })).toEqual([
      'critical today',
      'high tomorrow',
      'someday',
    ])
    const page = t.call('todos.list', { status: 'open', limit: 2, offset: 1 })
    expect(page.total).toBe(5)
    expect(page.items.map((todo) => todo.content)).toEqual(['high tomorrow', 'someday'])
  })

  it('orders open before done, then most urgent, soonest due (undated last), newest', () => {
    const t = openTestCore()
    const now = t.clock.now()
    t.call('todos.create', { content: 'a: normal, no date', urgency: 1 })
    t.clock.advance(1)
    t.call('todos.create', { content: 'b: normal, no date, newer', urgency: 1 })
    t.call('todos.create', { content: 'c: normal, due later', urgency: 1, dueAt: now + 2 * DAY_MS })
    t.call('todos.create', { content: 'd: normal, due soon', urgency: 1, dueAt: now + DAY_MS })
    const urgentDone = t.call('todos.create', { content: 'e: critical but done', urgency: 3 })
    t.call('todos.create', { content: 'f: high', urgency: 2 })
    t.call('todos.setStatus', { id: urgentDone.id, status: 'done' })
    expect(contents(t)).toEqual([
      'f: high',
      'd: normal, due soon',
      'c: normal, due later',
      'b: normal, no date, newer',
      'a: normal, no date',
      'e: critical but done',
    ])
  })

  it('records completion in endAt when done and clears it when reopened', () => {
    const t = openTestCore()
    const todo = t.call('todos.create', { content: 'Ship it' })
    t.clock.advance(60_000)
    const done = t.call('todos.setStatus', { id: todo.id, status: 'done' })
    expect(done).toMatchObject({ status: 'done', endAt: t.clock.now(), updatedAt: t.clock.now() })
    t.clock.advance(60_000)
    // Marking it done again keeps the first completion time.
    expect(t.call('todos.setStatus', { id: todo.id, status: 'done' }).endAt).toBe(done.endAt)
    const reopened = t.call('todos.setStatus', { id: todo.id, status: 'open' })
    expect(reopened).toMatchObject({ status: 'open', endAt: null })
    expect(t.fail('todos.setStatus', { id: 999, status: 'done' }).code).toBe('NOT_FOUND')
  })

  it('updates only the fields given; null clears a date', () => {
    const t = openTestCore()
    const activity = t.call('activities.create', { title: 'Meeting', startAt: 0, endAt: 1 })
    const todo = t.call('todos.create', {
      content: 'Follow up',
      urgency: 2,
      assignee: 'Ana',
      dueAt: 5000,
      startAt: 1000,
      sourceActivityId: activity.id,
    })
    const updated = t.call('todos.update', { id: todo.id, reason: 'promised in the meeting', dueAt: null })
    expect(updated).toMatchObject({
      content: 'Follow up',
      urgency: 2,
      assignee: 'Ana',
      reason: 'promised in the meeting',
      dueAt: null,
      startAt: 1000,
      sourceActivityId: activity.id,
    })
    expect(t.fail('todos.update', { id: todo.id, sourceActivityId: 777 }).code).toBe('NOT_FOUND')
    expect(t.call('todos.get', { id: todo.id }).sourceActivityId).toBe(activity.id)
  })

  it('lists the todos made from one activity, and none once it is deleted', () => {
    const t = openTestCore()
    const meeting = t.call('activities.create', { title: 'Meeting', startAt: 0, endAt: 1 })
    const review = t.call('activities.create', { title: 'Review', startAt: 2, endAt: 3 })
    t.call('todos.create', { content: 'Send the notes', sourceActivityId: meeting.id })
    const done = t.call('todos.create', {
      content: 'Book the room',
      urgency: 2,
      sourceActivityId: meeting.id,
    })
    t.call('todos.setStatus', { id: done.id, status: 'done' })
    t.call('todos.create', { content: 'Fix the typo', sourceActivityId: review.id })
    t.call('todos.create', { content: 'Typed by hand' })

    expect(contents(t, { sourceActivityId: meeting.id })).toEqual(['Send the notes', 'Book the room'])
    expect(contents(t, { sourceActivityId: review.id, status: 'open' })).toEqual(['Fix the typo'])
    expect(t.fail('todos.list', { sourceActivityId: -1 }).code).toBe('INVALID_INPUT')
    // Deleting the activity keeps its todos but unlinks them.
    t.call('activities.delete', { id: meeting.id })
    expect(t.call('todos.list', { sourceActivityId: meeting.id })).toEqual({ items: [], total: 0 })
    expect(t.call('todos.list', {}).total).toBe(4)
  })

  it('deletes a todo', () => {
    const t = openTestCore()
    const todo = t.call('todos.create', { content: 'Temporary' })
    expect(t.call('todos.delete', { id: todo.id })).toEqual({ id: todo.id, deleted: true })
    expect(t.fail('todos.get', { id: todo.id }).code).toBe('NOT_FOUND')
    expect(t.fail('todos.delete', { id: todo.id }).code).toBe('NOT_FOUND')
    expect(t.eventsNamed('todos.changed').at(-1)).toEqual({ action: 'deleted', id: todo.id, todo: null })
  })
})
