import type { AiEndpoint } from '../ai/runtime'
import type { Candidate } from './retrieval'
import type { VectorIndex } from './vectorIndex'
import { textHash } from './vectorIndex'

/** Items from the vector index that share no word with the question, added when at least this close. */
export const RELATED_FROM_INDEX = 6
export const MIN_RELATED_SIMILARITY = 0.3

export function cosine(a: number[], b: number[]): number {
  let dot = 0
  let normA = 0
  let normB = 0
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const x = a[index] ?? 0
    const y = b[index] ?? 0
    dot += x * y
    normA += x * x
    normB += y * y
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB)
}

export interface RankedByMeaning {
  candidates: Candidate[]
  /** Texts sent to the embedding model (the question included). */
  embedded: number
  /** Candidate vectors taken from the index instead. */
  reused: number
  /** Items the index found that the keywords did not. */
  related: number
  /** Why the index was not used, if it was not. */
  indexProblem: string | null
}

export interface IndexAccess {
  /** The index for this model, if it is open already. */
  current(): VectorIndex | null
  /** Opens it once the vectors' length is known; throws when sqlite-vec cannot be loaded. */
  open(dims: number): VectorIndex
}

/** What is embedded of an item: its title and the start of its own text, the same whatever the question. */
export const EMBEDDED_CHARS = 1_000

/**
 * Orders the keyword candidates by meaning. Vectors of candidates seen before come from the sqlite-vec
 * index; one embeddings call covers the question and the rest, which are then kept. The index also offers
 * close items the keywords missed. Without the index (the extension cannot be loaded) every candidate is
 * embedded each time, which still ranks, only at a higher cost.
 */
export async function rankByMeaning(
  endpoint: AiEndpoint,
  question: string,
  found: Candidate[],
  signal: AbortSignal,
  index: IndexAccess,
  now: number,
  textOf: (candidate: Candidate) => string,
): Promise<RankedByMeaning> {
  const candidateText = (candidate: Candidate) =>
    `${candidate.hit.title}\n${textOf(candidate).slice(0, EMBEDDED_CHARS)}`
  let indexProblem: string | null = null
  let vectors: VectorIndex | null = null
  try {
    vectors = index.current()
  } catch (error) {
    indexProblem = error instanceof Error ? error.message : String(error)
  }
  const keyed = found.map((candidate) => ({
    candidate,
    key: `${candidate.hit.kind}:${candidate.hit.id}`,
    hash: textHash(candidateText(candidate)),
  }))
  const cached =
    vectors?.lookup(keyed.map(({ candidate, hash }) => ({ hit: candidate.hit, hash }))) ?? new Map()
  const missing = keyed.filter(({ key }) => !cached.has(key))
  const { vectors: fresh } = await endpoint.client.embed(
    endpoint.model,
    [question, ...missing.map(({ candidate }) => candidateText(candidate))],
    { signal },
  )
  const [query, ...rest] = fresh
  if (!query) throw new Error('The embedding model sent no vector for the question.')
  const byKey = new Map<string, number[]>(cached)
  missing.forEach(({ key }, position) => byKey.set(key, rest[position] ?? []))

  if (!vectors && indexProblem === null) {
    try {
      vectors = index.open(query.length)
    } catch (error) {
      indexProblem = error instanceof Error ? error.message : String(error)
    }
  }
  let related: { candidate: Candidate; similarity: number }[] = []
  if (vectors) {
    vectors.store(
      missing.map(({ candidate, hash, key }) => ({ hit: candidate.hit, hash, vector: byKey.get(key) ?? [] })),
      now,
    )
    const known = new Set(keyed.map(({ key }) => key))
    related = vectors
      .nearest(query, RELATED_FROM_INDEX + known.size)
      .filter(
        ({ hit, similarity }) => !known.has(`${hit.kind}:${hit.id}`) && similarity >= MIN_RELATED_SIMILARITY,
      )
      .slice(0, RELATED_FROM_INDEX)
      .map(({ hit, similarity }) => ({ candidate: { hit, matched: 0 }, similarity }))
  }
  const scored = [
    ...keyed.map(({ candidate, key }) => ({ candidate, similarity: cosine(query, byKey.get(key) ?? []) })),
    ...related,
  ]
  scored.sort((a, b) => b.similarity - a.similarity || b.candidate.matched - a.candidate.matched)
  return {
    candidates: scored.map((item) => item.candidate),
    embedded: missing.length + 1,
    reused: cached.size,
    related: related.length,
    indexProblem,
  }
}
