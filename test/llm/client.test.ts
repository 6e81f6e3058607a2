import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LlmClient } from '../../src/core/llm/client'
import type { LlmClientOptions } from '../../src/core/llm/client'
import type { Usage } from '../../src/core/llm/types'
import { AppError } from '../../src/shared/contract/errors'
import { FakeLlmServer, completion, delta, finish, usageChunk } from '../support/fakeLlmServer'

let server: FakeLlmServer
const waits: number[] = []

beforeEach(async () => {
  server = await new FakeLlmServer().start()
  waits.length = 0
})
afterEach(() => server.stop())

/** A client whose back-off waits are recorded and shortened, so retries are fast and checkable. */
function client(options: Partial<LlmClientOptions> = {}): LlmClient {
  return new LlmClient({
    baseUrl: server.baseUrl,
    apiKey: 'sk-test',
    timeoutMs: 2_000,
    random: () => 0.5,
    sleep: (ms) => {
      waits.push(ms)
      return new Promise((resolve) => setTimeout(resolve, 1))
    },
    ...options,
  })
}

const ask = { model: 'test-model', messages: [{ role: 'user' as const, content: 'Hello?' }] }

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('the OpenAI-compatible client', () => {
  it('chats, sends the key, and reports usage', async () => {
    server.script('/chat/completions', { kind: 'json', body: completion('Hi there', 12, 3) })
    const usages: [string, Usage][] = []
    const result = await client({ onUsage: (model, usage) => usages.push([model, usage]) }).chat(ask)
    expect(result).toMatchObject({
      content: 'Hi there',
      finishReason: 'stop',
      usage: { promptTokens: 12, completionTokens: 3, totalTokens: 15 },
    })
    expect(usages).toEqual([['test-model', { promptTokens: 12, completionTokens: 3, totalTokens: 15 }]])
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test')
    expect(server.requests[0]?.body).toMatchObject({
      model: 'test-model',
      messages: [{ role: 'user', content: 'Hello?' }],
    })
  })

  it('streams deltas over SSE, asks for usage, and counts the streamed tokens', async () => {
    server.script('/chat/completions', {
      kind: 'sse',
      events: [delta('The '), delta('fox '), delta('is here.'), finish(), usageChunk(20, 4)],
      gapMs: 5,
    })
    const pieces: string[] = []
    const usages: Usage[] = []
    const result = await client({ onUsage: (_model, usage) => usages.push(usage) }).chatStream(ask, (text) =>
      pieces.push(text),
    )
    expect(pieces).toEqual(['The ', 'fox ', 'is here.'])
    expect(result).toMatchObject({
      content: 'The fox is here.',
      finishReason: 'stop',
      usage: { totalTokens: 24 },
    })
    expect(usages).toEqual([{ promptTokens: 20, completionTokens: 4, totalTokens: 24 }])
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } })
  })

  it('waits as long as Retry-After asks on a 429, then succeeds', async () => {
    server.script(
      '/chat/completions',
      {
        kind: 'json',
        status: 429,
        headers: { 'Retry-After': '7' },
        body: { error: { message: 'slow down' } },
      },
      { kind: 'json', body: completion('ok') },
    )
    expect((await client().chat(ask)).content).toBe('ok')
    expect(waits).toEqual([7_000])
  })

  it('retries 500s with growing, jittered back-off and gives up with a clear error', async () => {
    server.script(
      '/chat/completions',
      ...Array.from({ length: 4 }, () => ({
        kind: 'json' as const,
        status: 500,
        body: { error: { message: 'boom' } },
      })),
    )
    const error = await failure(client({ maxRetries: 3, baseDelayMs: 100 }).chat(ask))
    expect(error.code).toBe('UNAVAILABLE')
    expect(error.message).toMatch(/HTTP 500.*boom/)
    expect(waits).toEqual([75, 150, 300])
    expect(server.requests).toHaveLength(4)
  })

  it('does not retry a refused key, and says so', async () => {
    server.script('/chat/completions', {
      kind: 'json',
      status: 401,
      body: { error: { message: 'Incorrect API key' } },
    })
    const error = await failure(client().chat(ask))
    expect(error).toMatchObject({ code: 'FAILED_PRECONDITION' })
    expect(error.message).toMatch(/refused the credentials.*Incorrect API key/)
    expect(server.requests).toHaveLength(1)
  })

  it('times out a slow provider and retries it', async () => {
    server.script(
      '/chat/completions',
      { kind: 'json', body: completion('late'), delayMs: 500 },
      { kind: 'json', body: completion('quick') },
    )
    expect((await client({ timeoutMs: 150 }).chat(ask)).content).toBe('quick')
    expect(waits).toHaveLength(1)
  })

  it('reports malformed JSON as a malformed answer', async () => {
    server.script('/chat/completions', { kind: 'raw', text: '{"choices": [ {"mess' })
    expect((await failure(client().chat(ask))).message).toMatch(/malformed answer/)
  })

  it('fails a stream that breaks off or sends garbage, keeping what arrived out of the result', async () => {
    server.script('/chat/completions', { kind: 'sse', events: [delta('Half'), 'not json'] })
    const pieces: string[] = []
    expect((await failure(client().chatStream(ask, (text) => pieces.push(text)))).message).toMatch(
      /malformed stream event/,
    )
    expect(pieces).toEqual(['Half'])
    server.script('/chat/completions', { kind: 'sse', events: [delta('Cut')], endWithoutDone: true })
    expect((await failure(client().chatStream(ask, () => undefined))).message).toMatch(
      /ended the answer early/,
    )
  })

  it('stops a stream when interrupted', async () => {
    server.script('/chat/completions', {
      kind: 'sse',
      events: [delta('a'), delta('b'), delta('c'), delta('d')],
      gapMs: 100,
    })
    const controller = new AbortController()
    const pieces: string[] = []
    const streaming = client().chatStream(
      ask,
      (text) => {
        pieces.push(text)
        if (pieces.length === 2) controller.abort()
      },
      { signal: controller.signal },
    )
    expect((await failure(streaming)).message).toMatch(/interrupted/)
    expect(pieces).toEqual(['a', 'b'])
  })

  it('runs at most `concurrency` requests at once', async () => {
    for (let index = 0; index < 4; index += 1)
      server.script('/chat/completions', { kind: 'json', body: completion(`r${index}`), delayMs: 80 })
    const llm = client({ concurrency: 2 })
    const answers = await Promise.all(Array.from({ length: 4 }, () => llm.chat(ask)))
    expect(answers.map((answer) => answer.content).sort()).toEqual(['r0', 'r1', 'r2', 'r3'])
    expect(server.maxInFlight).toBe(2)
  })

  it('stops before calling when the budget gate says no', async () => {
    const gate = () => {
      throw new AppError('RATE_LIMITED', 'The daily token budget is used up.')
    }
    expect(await failure(client({ beforeCall: gate }).chat(ask))).toMatchObject({ code: 'RATE_LIMITED' })
    expect(server.requests).toHaveLength(0)
  })

  it('embeds in input order and tests the connection', async () => {
    server.script('/embeddings', {
      kind: 'json',
      body: {
        data: [
          { index: 1, embedding: [0, 1] },
          { index: 0, embedding: [1, 0] },
        ],
        usage: { prompt_tokens: 4, total_tokens: 4 },
      },
    })
    const result = await client().embed('embed-model', ['first', 'second'])
    expect(result.vectors).toEqual([
      [1, 0],
      [0, 1],
    ])
    server.script('/models', { kind: 'json', body: { data: [{ id: 'a' }, { id: 'b' }] } })
    expect((await client().testConnection()).models).toEqual(['a', 'b'])
  })

  it('refuses a base URL that is not http(s), and explains an unreachable server', async () => {
    expect(() => new LlmClient({ baseUrl: 'file:///etc' })).toThrow(/http:\/\/ or https:\/\//)
    const unreachable = new LlmClient({ baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 0 })
    expect((await failure(unreachable.chat(ask))).message).toMatch(/Could not reach the AI provider/)
  })
})
