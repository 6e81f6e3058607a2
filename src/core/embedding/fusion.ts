import type { MeaningHit, SearchHit } from '../../shared/contract/domains/search'

/** The usual constant of reciprocal rank fusion: the first ranks count, without one list drowning the other. */
export const RRF_K = 60

const keyOf = (hit: SearchHit) => `${hit.kind}:${hit.id}`

/**
 * Merges the keyword hits and the hits by meaning (each best first) by reciprocal rank fusion: an item scores
 * 1/(k + rank) in each list it is in, summed. A keyword hit keeps its own snippet and highlights.
 */
export function fuseByRank(words: SearchHit[], meaning: SearchHit[]): MeaningHit[] {
  const merged = new Map<string, { hit: MeaningHit; score: number; first: number }>()
  const add = (hits: SearchHit[], way: 'words' | 'meaning') =>
    hits.forEach((hit, rank) => {
      const key = keyOf(hit)
      const known = merged.get(key)
      const score = 1 / (RRF_K + rank + 1)
      if (known) {
        known.score += score
        if (known.hit.match !== way) known.hit.match = 'both'
      } else merged.set(key, { hit: { ...hit, match: way }, score, first: merged.size })
    })
  add(words, 'words')
  add(meaning, 'meaning')
  return [...merged.values()].sort((a, b) => b.score - a.score || a.first - b.first).map((entry) => entry.hit)
}

/** At most `perKind` hits of each kind and `limit` in all, keeping the order. */
export function capPerKind<T extends { kind: string }>(hits: T[], perKind: number, limit: number): T[] {
  const seen = new Map<string, number>()
  const kept: T[] = []
  for (const hit of hits) {
    const count = seen.get(hit.kind) ?? 0
    if (count >= perKind) continue
    seen.set(hit.kind, count + 1)
    kept.push(hit)
    if (kept.length >= limit) break
  }
  return kept
}
