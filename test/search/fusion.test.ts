import { describe, expect, it } from 'vitest'
import { capPerKind, fuseByRank } from '../../src/core/embedding/fusion'
import type { SearchHit, SearchKind } from '../../src/shared/contract/domains/search'

const hit = (kind: SearchKind, id: number): SearchHit => ({
  kind,
  id,
  title: `${kind} ${id}`,
  snippet: '',
  highlights: [],
  createdAt: id,
  conversationId: null,
})

describe('reciprocal rank fusion of keyword and meaning hits', () => {
  it('puts an item found both ways first, marks how each came, and keeps each once', () => {
    const fused = fuseByRank(
      [hit('todo', 1), hit('vault', 2), hit('tip', 3)],
      [hit('vault', 2), hit('screen', 4), hit('todo', 1)],
    )
    // vault 2: 1/62 + 1/61; todo 1: 1/61 + 1/63; screen 4: 1/62; tip 3: 1/63.
    expect(fused.map((entry) => [entry.kind, entry.id, entry.match])).toEqual([
      ['vault', 2, 'both'],
      ['todo', 1, 'both'],
      ['screen', 4, 'meaning'],
      ['tip', 3, 'words'],
    ])
  })

  it('keeps the keyword hit (its snippet and highlights) when both lists hold the item', () => {
    const words = { ...hit('vault', 2), snippet: 'the whale', highlights: [[4, 9]] as [number, number][] }
    const [first] = fuseByRank([words], [{ ...hit('vault', 2), snippet: 'stored' }])
    expect(first).toMatchObject({ snippet: 'the whale', highlights: [[4, 9]], match: 'both' })
  })

  it('caps the hits of each kind and in all, in order', () => {
    const hits = [hit('todo', 1), hit('todo', 2), hit('vault', 3), hit('todo', 4), hit('tip', 5)]
    expect(capPerKind(hits, 2, 10).map((entry) => entry.id)).toEqual([1, 2, 3, 5])
    expect(capPerKind(hits, 2, 3).map((entry) => entry.id)).toEqual([1, 2, 3])
  })
})
