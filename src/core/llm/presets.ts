/** The presets live in src/shared so Settings can prefill a provider's base URL. */
export { AI_PROVIDER_PRESETS as PROVIDER_PRESETS } from '../../shared/contract/domains/aiSettings'
export type { AiProviderId as ProviderId } from '../../shared/contract/domains/aiSettings'
