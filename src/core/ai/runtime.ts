import type { LlmClient } from '../llm/client'

/** What a model is used for; each purpose has its own model setting. */
export type AiPurpose = 'chat' | 'vision' | 'embedding'

export interface AiEndpoint {
  /** Already wired to the daily token budget (beforeCall) and to monitoring (onUsage). */
  client: LlmClient
  model: string
}

/**
 * The AI as the rest of the core sees it. Null from `endpoint` means AI is not configured for that purpose
 * (no provider, no model, or a missing key): callers then skip the work and say what AI would add.
 */
export interface AiRuntime {
  endpoint(purpose: AiPurpose): AiEndpoint | null
}
