/** Where each supported provider serves its OpenAI-compatible API; `custom` takes the person's own URL. */
export const PROVIDER_PRESETS = {
  openai: { label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', needsKey: true },
  ollama: { label: 'Ollama (local)', baseUrl: 'http://127.0.0.1:11434/v1', needsKey: false },
  lmstudio: { label: 'LM Studio (local)', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false },
  openrouter: { label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', needsKey: true },
  custom: { label: 'Custom OpenAI-compatible server', baseUrl: '', needsKey: false },
} as const

export type ProviderId = keyof typeof PROVIDER_PRESETS
