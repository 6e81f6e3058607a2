import { LlmError } from '../../llm/client'
import type { JsonObject } from '../../../shared/contract/common'

/**
 * The JSON object a model was asked for. Models wrap it in code fences or add a sentence around it; the first
 * `{` to the last `}` is taken. Anything else is a malformed answer, retried like a provider failure.
 */
export function parseModelJson(text: string): JsonObject {
  const start = text.indexOf('{')
  const end = text.lastIndexOf('}')
  if (start >= 0 && end > start) {
    try {
      const value: unknown = JSON.parse(text.slice(start, end + 1))
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject
    } catch {
      // Reported below.
    }
  }
  throw new LlmError('UNAVAILABLE', 'llmNotJson')
}

export const asText = (value: unknown, max: number): string =>
  typeof value === 'string' ? value.trim().slice(0, max) : ''

export const asList = (value: unknown, maxItems: number): unknown[] =>
  Array.isArray(value) ? value.slice(0, maxItems) : []
