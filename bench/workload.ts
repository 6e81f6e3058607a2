import type { SearchKind } from '../src/shared/contract/domains/search'
import { createRandom, randomBetween, randomIndex } from './rng'
import { COMMON_TERM, RARE_TERM, messageText } from './text'

export interface NewMessage {
  conversationId: number
  role: 'user' | 'assistant'
  content: string
}

export interface TokenUsage {
  model: string
  promptTokens: number
  completionTokens: number
}

export interface SearchParams {
  query: string
  kinds: SearchKind[]
  order: 'newest' | 'relevance'
  limit: number
}

export const LAST_PAGE = 200
export const SEARCH_LIMIT = 20
const MODELS = ['gpt-4.1-mini', 'gpt-4.1', 'claude-sonnet-4', 'qwen3-32b', 'llama-3.3-70b']

/**
 * The inputs of every measured call, made up front from a fixed seed so that Cairn and the bare ceiling
 * run exactly the same statements with exactly the same values.
 */
export interface Workload {
  message(index: number): NewMessage
  conversation(index: number): number
  tokenUsage(index: number): TokenUsage
}

export function createWorkload(conversationIds: readonly number[], size: number, seed: number): Workload {
  const random = createRandom(seed)
  const pickConversation = (): number => conversationIds[randomIndex(random, conversationIds.length)] ?? 1
  const messages: NewMessage[] = []
  const conversations: number[] = []
  const usage: TokenUsage[] = []
  for (let index = 0; index < size; index += 1) {
    messages.push({
      conversationId: pickConversation(),
      role: random() < 0.5 ? 'user' : 'assistant',
      content: messageText(random),
    })
    conversations.push(pickConversation())
    usage.push({
      model: MODELS[randomIndex(random, MODELS.length)] ?? 'model',
      promptTokens: randomBetween(random, 50, 8_000),
      completionTokens: randomBetween(random, 10, 2_000),
    })
  }
  const at = <T>(items: readonly T[], index: number): T => {
    const item = items[index % items.length]
    if (item === undefined) throw new Error('empty workload')
    return item
  }
  return {
    message: (index) => at(messages, index),
    conversation: (index) => at(conversations, index),
    tokenUsage: (index) => at(usage, index),
  }
}

export function newestSearch(query: string): SearchParams {
  return { query, kinds: ['message'], order: 'newest', limit: SEARCH_LIMIT }
}

export const RARE_SEARCH = newestSearch(RARE_TERM)
export const COMMON_SEARCH = newestSearch(COMMON_TERM)
