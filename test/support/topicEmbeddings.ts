import type { FakeLlmServer, RecordedRequest, Script } from './fakeLlmServer'

/**
 * Words of each topic. A text's vector counts its words of each topic, so two texts that share no word but
 * speak of the same topic point the same way, as a real embedding model's vectors would.
 */
export const TOPICS: Record<string, readonly string[]> = {
  ocean: [
    'ocean',
    'sea',
    'whale',
    'whales',
    'coral',
    'reef',
    'tide',
    'marine',
    'dolphin',
    'creatures',
    '海洋',
  ],
  money: ['invoice', 'budget', 'tax', 'payment', 'accountant', 'salary', 'finances', 'money'],
  music: ['guitar', 'piano', 'chord', 'melody', 'concert', 'song', 'tune'],
}
const NAMES = Object.keys(TOPICS)
export const TOKENS_PER_TEXT = 3

/** The vector of a text: one number per topic, and one more for "none of them", so no vector is all zeros. */
export function topicVector(text: string): number[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const counts = NAMES.map((name) => words.filter((word) => TOPICS[name]?.includes(word)).length)
  return [...counts, counts.some((count) => count > 0) ? 0 : 1]
}

/**
 * An OpenAI-compatible `/embeddings` endpoint on the scripted server that answers every request by topic,
 * recording each text it embedded. `hold` keeps answers back (a kill can land while one is in flight).
 */
export class TopicEmbeddings {
  /** Every text embedded, in order, one entry per time it was sent. */
  readonly embedded: string[] = []
  /** Texts of the answers sent back (the client got their vectors). */
  readonly answered: string[] = []
  delayMs = 0
  /** Answer with this status instead (a failing provider), while set. */
  failWith: number | null = null

  constructor(server: FakeLlmServer) {
    const previous = server.route
    server.route = (request) => this.answer(request) ?? previous?.(request)
  }

  private answer(request: RecordedRequest): Script | undefined {
    if (request.path !== '/embeddings') return undefined
    const input = request.body?.input
    const texts = Array.isArray(input) ? input.map(String) : [String(input)]
    this.embedded.push(...texts)
    if (this.failWith !== null)
      return { kind: 'json', status: this.failWith, body: { error: { message: 'scripted failure' } } }
    const body = {
      model: String(request.body?.model ?? ''),
      data: texts.map((text, index) => ({ object: 'embedding', index, embedding: topicVector(text) })),
      usage: { prompt_tokens: TOKENS_PER_TEXT * texts.length, total_tokens: TOKENS_PER_TEXT * texts.length },
    }
    // Counted as answered when scheduled: a test that kills the host looks at what was sent before the kill.
    setTimeout(() => this.answered.push(...texts), this.delayMs)
    return { kind: 'json', body, delayMs: this.delayMs }
  }
}
