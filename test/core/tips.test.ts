import { describe, expect, it } from 'vitest'
import { openTestCore } from '../support/core'

describe('tips', () => {
  it('lists tips newest first and hides dismissed ones unless asked', () => {
    const t = openTestCore()
    const first = t.call('tips.create', { content: 'Stand up and stretch', metadata: { source: 'health' } })
    t.clock.advance(1000)
    const second = t.call('tips.create', { content: 'You have three open todos due today' })
    expect(t.call('tips.list', {})).toEqual({ items: [second, first], total: 2 })

    t.clock.advance(1000)
    const dismissed = t.call('tips.dismiss', { id: first.id })
    expect(dismissed).toEqual({ ...first, dismissedAt: t.clock.now() })
    expect(t.call('tips.list', {})).toEqual({ items: [second], total: 1 })
    expect(t.call('tips.list', { includeDismissed: true })).toEqual({ items: [second, dismissed], total: 2 })

    // Dismissing again keeps the first dismissal time.
    t.clock.advance(1000)
    expect(t.call('tips.dismiss', { id: first.id }).dismissedAt).toBe(dismissed.dismissedAt)
    expect(t.fail('tips.dismiss', { id: 999 }).code).toBe('NOT_FOUND')
    // One tip by id, dismissed or not: what a notification of a new tip shows.
    expect(t.call('tips.get', { id: first.id })).toEqual(dismissed)
    expect(t.call('tips.get', { id: second.id })).toEqual(second)
    expect(t.fail('tips.get', { id: 999 }).code).toBe('NOT_FOUND')
    expect(t.eventsNamed('tips.changed').map((event) => event.action)).toEqual([
      'created',
      'created',
      'updated',
      'updated',
    ])
  })

  it('pages through tips', () => {
    const t = openTestCore()
    for (let index = 0; index < 5; index += 1) {
      t.call('tips.create', { content: `tip ${index}` })
      t.clock.advance(1)
    }
    const page = t.call('tips.list', { limit: 2, offset: 2 })
    expect(page.total).toBe(5)
    expect(page.items.map((tip) => tip.content)).toEqual(['tip 2', 'tip 1'])
  })
})
