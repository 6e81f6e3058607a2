import type { AiEndpoint } from '../ai/runtime'
import type { Candidate } from './retrieval'

function cosine(a: number[], b: number[]): number {
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

/**
 * Re-orders the keyword candidates by meaning: one embeddings call for the question and every candidate's
 * title and snippet, then cosine similarity to the question. Without a vector index (sqlite-vec is not
 * bundled) this only re-ranks what the FTS found, but it is bounded: one request of at most MAX_CANDIDATES+1
 * short texts per question.
 */
export async function rerankByMeaning(
  endpoint: AiEndpoint,
  question: string,
  candidates: Candidate[],
  signal: AbortSignal,
): Promise<{ candidates: Candidate[]; similarities: number[] }> {
  if (candidates.length < 2) return { candidates, similarities: candidates.map(() => 1) }
  const texts = [question, ...candidates.map(({ hit }) => `${hit.title}\n${hit.snippet}`)]
  const { vectors } = await endpoint.client.embed(endpoint.model, texts, { signal })
  const [query, ...rest] = vectors
  if (!query) return { candidates, similarities: candidates.map(() => 0) }
  const scored = candidates.map((candidate, index) => ({
    candidate,
    similarity: cosine(query, rest[index] ?? []),
  }))
  scored.sort((a, b) => b.similarity - a.similarity || b.candidate.matched - a.candidate.matched)
  return {
    candidates: scored.map((item) => item.candidate),
    similarities: scored.map((item) => item.similarity),
  }
}
