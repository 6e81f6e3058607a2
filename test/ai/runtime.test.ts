import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EnvSecretStore } from '../../src/core/ai/secrets'
import { completion, FakeLlmServer } from '../support/fakeLlmServer'
import { openServices } from './support'

describe('the AI runtime', () => {
  let server: FakeLlmServer
  beforeEach(async () => {
    server = await new FakeLlmServer().start()
  })
  afterEach(() => server.stop())

  it('offers no endpoint until a provider and a model are set, and says why', async () => {
    const { services } = openServices()
    await services.ai.ready()
    expect(services.ai.endpoint('chat')).toBeNull()
    expect(services.ai.config().purposes.chat.reason).toBe('No AI provider is chosen.')
    expect(services.ai.config().purposes.chat.reasonNote).toEqual({ code: 'aiNoProvider', params: {} })
    services.settings.set({ key: 'ai.provider', value: 'custom' })
    services.settings.set({ key: 'ai.baseUrl', value: server.baseUrl })
    expect(services.ai.endpoint('chat')).toBeNull()
    expect(services.ai.config().purposes.chat.reason).toBe('No chat model is set.')
    services.settings.set({ key: 'ai.chatModel', value: 'small-model' })
    expect(services.ai.endpoint('chat')?.model).toBe('small-model')
    expect(services.ai.endpoint('vision')).toBeNull()
  })

  it('needs the key of a provider that asks for one, reads it from CAIRN_AI_API_KEY and sends it', async () => {
    const { services } = openServices({
      secrets: new EnvSecretStore({
        CAIRN_AI_API_KEY: 'sk-env',
        CAIRN_AI_API_KEY_ORIGIN: new URL(server.baseUrl).origin,
      }),
    })
    services.settings.set({ key: 'ai.provider', value: 'openai' })
    services.settings.set({ key: 'ai.baseUrl', value: server.baseUrl })
    services.settings.set({ key: 'ai.chatModel', value: 'gpt-test' })
    expect(services.ai.endpoint('chat')).toBeNull()
    await services.ai.ready()
    server.script('/chat/completions', { kind: 'json', body: completion('hi', 7, 3) })
    const endpoint = services.ai.endpoint('chat')
    await endpoint?.client.chat({ model: endpoint.model, messages: [{ role: 'user', content: 'x' }] })
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-env')

    const location = await services.ai.clearApiKey()
    expect(location.persistent).toBe(false)
    expect(services.ai.endpoint('chat')).toBeNull()
    expect(services.ai.config().purposes.chat.reason).toBe('OpenAI needs an API key.')
  })

  it('records every call’s tokens per model and stops calls with a visible message once the day’s budget is spent', async () => {
    const { services } = openServices()
    services.settings.set({ key: 'ai.provider', value: 'custom' })
    services.settings.set({ key: 'ai.baseUrl', value: server.baseUrl })
    services.settings.set({ key: 'ai.chatModel', value: 'test-model' })
    services.settings.set({ key: 'ai.dailyTokenBudget', value: 20 })
    server.script(
      '/chat/completions',
      { kind: 'json', body: completion('one', 10, 5) },
      { kind: 'json', body: completion('two', 4, 2) },
    )
    const endpoint = services.ai.endpoint('chat')
    if (!endpoint) throw new Error('chat should be configured')
    const ask = () =>
      endpoint.client.chat({ model: endpoint.model, messages: [{ role: 'user', content: 'q' }] })
    await ask()
    await ask()
    expect(services.ai.budgetState()).toMatchObject({ usedToday: 21, limit: 20, exhausted: true })
    await expect(ask()).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/budget of 20 tokens is used up/),
    })
    expect(server.requests).toHaveLength(2)
    const rows = services.monitoring.tokenUsage({ hours: 1 }).rows
    expect(rows).toEqual([
      expect.objectContaining({
        model: 'test-model',
        promptTokens: 14,
        completionTokens: 7,
        requestCount: 2,
      }),
    ])

    services.settings.set({ key: 'ai.dailyTokenBudget', value: 0 })
    expect(services.ai.budgetState().exhausted).toBe(false)
  })
})
