import { describe, expect, it } from 'vitest'
import { parseQuickAdd } from '../../src/renderer/src/lib/quickAdd'

// Saturday 5 December 2026, 09:00 local time.
const NOW = new Date(2026, 11, 5, 9, 0)

describe('quick add understands plain words', () => {
  it('takes due time, urgency and assignee out of an English line', () => {
    const parsed = parseQuickAdd('call dentist tomorrow 3pm !high @me', NOW)
    expect(parsed).toMatchObject({ content: 'call dentist', urgency: 2, assignee: 'me', dueHasTime: true })
    expect(parsed.dueAt).toBe(new Date(2026, 11, 6, 15, 0).getTime())
  })

  it('reads Simplified Chinese dates, urgency and assignee', () => {
    const parsed = parseQuickAdd('明天下午3点 给牙医打电话 ！高 @我', NOW)
    expect(parsed).toMatchObject({ content: '给牙医打电话', urgency: 2, assignee: '我' })
    expect(parsed.dueAt).toBe(new Date(2026, 11, 6, 15, 0).getTime())
  })

  it('a day without a time is due at the start of that day, always forward', () => {
    const parsed = parseQuickAdd('send report friday', NOW)
    expect(parsed.dueHasTime).toBe(false)
    expect(parsed.dueAt).toBe(new Date(2026, 11, 11).getTime())
  })

  it('leaves a plain line alone and ignores unknown !words', () => {
    expect(parseQuickAdd('buy milk!', NOW)).toEqual({
      content: 'buy milk!',
      dueAt: null,
      dueHasTime: false,
      urgency: null,
      assignee: null,
    })
    expect(parseQuickAdd('ship it !someday', NOW).urgency).toBeNull()
  })

  it('keeps the words when the line is nothing but a date', () => {
    expect(parseQuickAdd('tomorrow', NOW).content).toBe('tomorrow')
  })
})
