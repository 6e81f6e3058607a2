export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  /** Plain text, or text and images for a vision model. */
  content: string | ContentPart[]
}

export interface ChatRequest {
  model: string
  messages: ChatMessage[]
  temperature?: number
  maxTokens?: number
  /** Ask for a JSON object answer (structured extraction). */
  json?: boolean
}

export interface Usage {
  promptTokens: number
  completionTokens: number
  totalTokens: number
}

export interface ChatResult {
  content: string
  model: string
  finishReason: string | null
  /** Null when the provider reported none (some local servers do not). */
  usage: Usage | null
  latencyMs: number
}

export interface EmbeddingResult {
  vectors: number[][]
  model: string
  usage: Usage | null
  latencyMs: number
}

export interface CallOptions {
  signal?: AbortSignal
}
