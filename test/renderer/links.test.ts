import { describe, expect, it } from 'vitest'
import type { SearchHit } from '../../src/shared/contract/domains/search'
import { hitPath } from '../../src/renderer/src/lib/links'

const hit = (fields: Partial<SearchHit>): SearchHit => ({
  kind: 'activity',
  id: 7,
  title: '',
  snippet: '',
  highlights: [],
  createdAt: 0,
  conversationId: null,
  ...fields,
})

describe('where a search hit opens', () => {
  it('opens an activity on the day it started, though it was written after midnight', () => {
    const startAt = new Date(2026, 2, 3, 23, 40).getTime()
    const createdAt = new Date(2026, 2, 4, 0, 15).getTime()
    expect(hitPath(hit({ startAt, createdAt }))).toBe('/timeline?day=2026-03-03&focus=7')
  })

  it('opens an activity without a start (a chat source) on the day it was written', () => {
    expect(hitPath(hit({ createdAt: new Date(2026, 2, 4, 9, 0).getTime() }))).toBe(
      '/timeline?day=2026-03-04&focus=7',
    )
  })

  it('opens a frame on its day with the words to mark', () => {
    const createdAt = new Date(2026, 2, 4, 9, 0).getTime()
    expect(hitPath(hit({ kind: 'screen', id: 3, createdAt }), 'budget')).toBe(
      `/timeline?day=2026-03-04&frame=3&at=${createdAt}&q=budget`,
    )
  })
})
