import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatSource } from '../../src/shared/contract/domains/chat'
import { FakeLlmServer, delta, finish, usageChunk } from '../support/fakeLlmServer'
import type { ChatCore } from './harness'
import { openChatCore, stageTrail } from './harness'

let server: FakeLlmServer

beforeEach(async () => {
  server = await new FakeLlmServer().start()
})
afterEach(() => server.stop())

const sse = (pieces: string[], prompt = 30, completion = 7) => ({
  kind: 'sse' as const,
  events: [...pieces.map((piece) => delta(piece)), finish(), usageChunk(prompt, completion)],
  gapMs: 5,
})

/** Notes, a todo and an activity about otters, and one unrelated document. */
async function seedOtters(t: ChatCore) {
  const now = Date.now()
  // Each a few milliseconds apart, so newest-first order is the order made.
  const tick = () => new Promise((resolve) => setTimeout(resolve, 3))
  const note = await t.call('vaults.create', {
    title: 'Otter field notes',
    content: 'Sea otters hold hands while they sleep so they do not drift apart in the kelp.',
  })
  await tick()
  const todo = await t.call('todos.create', { content: 'Send the otter survey to Maria' })
  await tick()
  const activity = await t.call('activities.create', {
    title: 'Reviewed otter survey',
    content: 'Went through the kelp forest otter survey spreadsheet.',
    startAt: now - 600_000,
    endAt: now - 60_000,
  })
  await t.call('vaults.create', { title: 'Grocery list', content: 'Milk, bread, coffee.' })
  const conversation = await t.call('conversations.create', { title: 'Otters' })
  return { note, todo, activity, conversation }
}

describe('chat with context against a scripted provider on 127.0.0.1', () => {
  it('answers at once with both messages, streams the deltas in order and keeps the sources it used', async () => {
    const t = await openChatCore({ server })
    const { note, todo, activity, conversation } = await seedOtters(t)
    server.script('/chat/completions', sse(['Otters ', 'hold hands ', 'to stay together [1].']))

    const sent = await t.call('chat.send', {
      conversationId: conversation.id,
      content: 'Why do the otters hold hands?',
    })
    expect(sent.userMessage).toMatchObject({ role: 'user', content: 'Why do the otters hold hands?' })
    expect(sent.assistantMessage).toMatchObject({
      role: 'assistant',
      status: 'streaming',
      parentMessageId: sent.userMessage.id,
    })
    expect(sent.notice).toBeNull()
    const answerId = sent.assistantMessage?.id ?? 0

    const answer = await t.ended(answerId)
    const deltas = t.eventsNamed('messages.delta').filter((event) => event.messageId === answerId)
    expect(deltas.map((event) => event.chunk)).toEqual(['Otters ', 'hold hands ', 'to stay together [1].'])
    expect(deltas.map((event) => event.length)).toEqual([7, 18, 39])
    expect(answer).toMatchObject({
      status: 'completed',
      content: 'Otters hold hands to stay together [1].',
      tokenCount: 7,
      errorMessage: '',
    })
    expect(answer.latencyMs).toEqual(expect.any(Number))

    // The sources: what matched "otters"/"hold"/"hands", the unrelated grocery list left out.
    const sources = answer.metadata.sources as ChatSource[]
    expect(sources.map((source) => `${source.kind}:${source.id}`).sort()).toEqual(
      [`activity:${activity.id}`, `todo:${todo.id}`, `vault:${note.id}`].sort(),
    )
    expect(sources[0]).toMatchObject({ kind: 'vault', id: note.id, title: 'Otter field notes' })
    // The model was given the full text of the note, the question and the streaming options.
    const body = server.requests[0]?.body as {
      messages: { role: string; content: string }[]
      stream: boolean
    }
    expect(body.stream).toBe(true)
    expect(body.messages[0]?.content).toContain('so they do not drift apart in the kelp')
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'Why do the otters hold hands?' })

    // Thinking: each stage written when it starts and when it ends, in order, with its duration.
    const steps = await t.stages(answerId)
    expect(stageTrail(steps)).toEqual([
      'retrieval:running',
      'retrieval:done',
      'generation:running',
      'generation:done',
    ])
    expect(steps.map((step) => step.sequence)).toEqual([0, 1, 2, 3])
    expect(steps[1]).toMatchObject({ progress: 1, content: expect.stringContaining('3 matches') })
    // The same words by code and params, for a window to say them in its language.
    expect(steps[1]?.metadata.notes).toEqual([
      { code: 'chatMatches', params: { count: 3, keywords: expect.any(String) } },
    ])
    for (const done of [steps[1], steps[3]]) expect(done?.metadata.durationMs).toEqual(expect.any(Number))
    expect(steps[2]?.metadata.sources).toEqual(sources)
    // ...and each was announced as it was written, before the answer completed.
    const order = t.events
      .filter(
        (event) =>
          (event.name === 'thinking.added' && event.data.step.messageId === answerId) ||
          (event.name === 'messages.delta' && event.data.messageId === answerId) ||
          (event.name === 'messages.updated' &&
            event.data.message.id === answerId &&
            event.data.message.status === 'completed'),
      )
      .map((event) => (event.name === 'thinking.added' ? `thinking:${event.data.step.stage}` : event.name))
    expect(order).toEqual([
      'thinking:retrieval',
      'thinking:retrieval',
      'thinking:generation',
      'messages.delta',
      'messages.delta',
      'messages.delta',
      'thinking:generation',
      'messages.updated',
    ])
  })

  it('counts the tokens of every answer and times retrieval and chat in the monitoring tables', async () => {
    const t = await openChatCore({ server })
    const { conversation } = await seedOtters(t)
    server.script('/chat/completions', sse(['One.'], 40, 6), sse(['Two.'], 55, 9))
    for (const question of ['Where are the otters?', 'And the survey?']) {
      const sent = await t.call('chat.send', { conversationId: conversation.id, content: question })
      await t.ended(sent.assistantMessage?.id ?? 0)
    }
    expect((await t.call('monitoring.tokenUsage', { hours: 1 })).rows).toEqual([
      expect.objectContaining({
        model: 'test-model',
        promptTokens: 95,
        completionTokens: 15,
        totalTokens: 110,
        requestCount: 2,
      }),
    ])
    const stages = (await t.call('monitoring.stageTiming', { hours: 1 })).rows
    for (const name of ['retrieval', 'chat']) {
      expect(stages.find((row) => row.stageName === name)).toMatchObject({
        count: 2,
        successCount: 2,
        errorCount: 0,
      })
    }
    // The second question went with the first exchange as history.
    const second = server.requests[1]?.body as { messages: { role: string; content: string }[] }
    expect(second.messages.slice(1)).toEqual([
      { role: 'user', content: 'Where are the otters?' },
      { role: 'assistant', content: 'One.' },
      { role: 'user', content: 'And the survey?' },
    ])
  })

  it('stops the request when interrupted mid-stream: the server sees the connection close, the text so far is kept', async () => {
    const t = await openChatCore({ server })
    const { conversation } = await seedOtters(t)
    server.script('/chat/completions', {
      kind: 'sse',
      events: [delta('Partial '), delta('answer'), delta(' never sent')],
      stallAfter: 2,
    })
    const sent = await t.call('chat.send', {
      conversationId: conversation.id,
      content: 'Tell me about otters',
    })
    const id = sent.assistantMessage?.id ?? 0
    await expect
      .poll(() => t.eventsNamed('messages.delta').filter((event) => event.messageId === id).length)
      .toBe(2)
    expect(server.openRequests).toBe(1)

    const stopped = await t.call('chat.interrupt', { messageId: id })
    expect(stopped).toMatchObject({ status: 'interrupted', content: 'Partial answer' })
    await expect.poll(() => server.openRequests).toBe(0)
    await expect.poll(async () => stageTrail(await t.stages(id)).at(-1)).toBe('generation:interrupted')
    expect(await t.call('messages.get', { id })).toMatchObject({
      status: 'interrupted',
      content: 'Partial answer',
    })
    // A stopped answer is not an error of the chat stage.
    const chatRow = (await t.call('monitoring.stageTiming', { hours: 1 })).rows.find(
      (row) => row.stageName === 'chat',
    )
    expect(chatRow).toBeUndefined()
  })

  it('aborts the request too when the message is stopped through messages.interrupt', async () => {
    const t = await openChatCore({ server })
    const { conversation } = await seedOtters(t)
    server.script('/chat/completions', {
      kind: 'sse',
      events: [delta('First '), ...Array.from({ length: 200 }, () => delta('more '))],
      gapMs: 20,
    })
    const sent = await t.call('chat.send', { conversationId: conversation.id, content: 'otters?' })
    const id = sent.assistantMessage?.id ?? 0
    await expect
      .poll(() => t.eventsNamed('messages.delta').some((event) => event.messageId === id))
      .toBe(true)
    await t.call('messages.interrupt', { id })
    await expect.poll(() => server.openRequests).toBe(0)
    const kept = (await t.call('messages.get', { id })).content
    expect(kept.startsWith('First ')).toBe(true)
    expect(kept.length).toBeLessThan('First '.length + 200 * 'more '.length)
  })

  it.each([
    {
      name: 'HTTP 500 on every attempt',
      script: { kind: 'json' as const, status: 500, body: { error: { message: 'model crashed' } } },
      attempts: 3,
      error: /HTTP 500.*model crashed/,
    },
    {
      name: '429 with Retry-After on every attempt',
      script: {
        kind: 'json' as const,
        status: 429,
        body: { error: { message: 'slow down' } },
        headers: { 'Retry-After': '0' },
      },
      attempts: 3,
      error: /rate limiting.*slow down/,
    },
    {
      name: 'a malformed stream event',
      script: { kind: 'sse' as const, events: [delta('Half '), '{not json'] },
      attempts: 1,
      error: /malformed stream event/,
    },
  ])('ends the answer failed with the error after retries: $name', async ({ script, attempts, error }) => {
    const t = await openChatCore({ server })
    const { conversation } = await seedOtters(t)
    server.script('/chat/completions', script, script, script)
    const sent = await t.call('chat.send', { conversationId: conversation.id, content: 'otters?' })
    const answer = await t.ended(sent.assistantMessage?.id ?? 0)
    expect(answer.status).toBe('failed')
    expect(answer.errorMessage).toMatch(error)
    expect(server.requests.filter((request) => request.path === '/chat/completions')).toHaveLength(attempts)
    const steps = await t.stages(answer.id)
    expect(stageTrail(steps).at(-1)).toBe('generation:failed')
    expect(steps.at(-1)?.content).toMatch(error)
    expect(
      (await t.call('monitoring.stageTiming', { hours: 1 })).rows.find((row) => row.stageName === 'chat'),
    ).toMatchObject({ count: 1, errorCount: 1, successCount: 0 })
  })

  it('ends the answer failed when the provider does not answer in time, or goes silent mid-answer', async () => {
    const t = await openChatCore({ server, timeoutMs: 300 })
    const { conversation } = await seedOtters(t)
    server.script('/chat/completions', { kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' })
    const first = await t.call('chat.send', { conversationId: conversation.id, content: 'otters?' })
    const silent = await t.ended(first.assistantMessage?.id ?? 0)
    expect(silent).toMatchObject({ status: 'failed', errorMessage: expect.stringMatching(/within 300 ms/) })
    expect(server.requests).toHaveLength(3)

    server.script('/chat/completions', {
      kind: 'sse',
      events: [delta('Halfway '), delta('never')],
      stallAfter: 1,
    })
    const second = await t.call('chat.send', { conversationId: conversation.id, content: 'otters again?' })
    const stalled = await t.ended(second.assistantMessage?.id ?? 0)
    expect(stalled).toMatchObject({
      status: 'failed',
      content: 'Halfway ',
      errorMessage: expect.stringMatching(/went silent for 300 ms/),
    })
  })

  it('fails with the budget message once the daily token budget is spent, without calling the provider', async () => {
    const t = await openChatCore({ server })
    const { conversation } = await seedOtters(t)
    server.script('/chat/completions', sse(['Spent.'], 80, 20))
    const first = await t.call('chat.send', { conversationId: conversation.id, content: 'otters?' })
    await t.ended(first.assistantMessage?.id ?? 0)
    await t.call('settings.set', { key: 'ai.dailyTokenBudget', value: 50 })
    const second = await t.call('chat.send', { conversationId: conversation.id, content: 'more otters?' })
    const answer = await t.ended(second.assistantMessage?.id ?? 0)
    expect(answer.status).toBe('failed')
    expect(answer.errorMessage).toMatch(/budget/i)
    expect(server.requests).toHaveLength(1)
  })

  it('retries a failed answer under the same question', async () => {
    const t = await openChatCore({ server })
    const { conversation } = await seedOtters(t)
    const broken = { kind: 'json' as const, status: 503, body: { error: { message: 'overloaded' } } }
    server.script('/chat/completions', broken, broken, broken, sse(['Second time lucky.']))
    const sent = await t.call('chat.send', { conversationId: conversation.id, content: 'otters?' })
    const failed = await t.ended(sent.assistantMessage?.id ?? 0)
    expect(failed.status).toBe('failed')

    const { assistantMessage, notice } = await t.call('chat.retry', { messageId: failed.id })
    expect(notice).toBeNull()
    expect(assistantMessage).toMatchObject({ status: 'streaming', parentMessageId: sent.userMessage.id })
    expect(await t.ended(assistantMessage?.id ?? 0)).toMatchObject({
      status: 'completed',
      content: 'Second time lucky.',
    })
    // The question was asked once; a completed answer cannot be retried.
    const list = await t.call('messages.list', { conversationId: conversation.id })
    expect(list.items.filter((item) => item.role === 'user')).toHaveLength(1)
    expect(await t.fail('chat.retry', { messageId: assistantMessage?.id ?? 0 })).toMatchObject({
      code: 'FAILED_PRECONDITION',
    })
  })

  it('re-ranks the matches by meaning when an embedding model is set, and times the embed stage', async () => {
    const t = await openChatCore({ server, embeddingModel: 'embed-model' })
    const { note, todo, activity, conversation } = await seedOtters(t)
    // The question and the three matches (newest first: activity, todo, note); the note is made closest.
    const vectors: Record<string, number[]> = {
      question: [1, 0],
      [`activity:${activity.id}`]: [0, 1],
      [`todo:${todo.id}`]: [0.5, 0.5],
      [`vault:${note.id}`]: [0.99, 0.01],
    }
    server.script('/embeddings', {
      kind: 'json',
      body: {
        data: [
          vectors.question,
          vectors[`activity:${activity.id}`],
          vectors[`todo:${todo.id}`],
          vectors[`vault:${note.id}`],
        ].map((embedding, index) => ({ embedding, index })),
        usage: { prompt_tokens: 12, total_tokens: 12 },
      },
    })
    server.script('/chat/completions', sse(['Ranked.']))
    const sent = await t.call('chat.send', { conversationId: conversation.id, content: 'otter' })
    const answer = await t.ended(sent.assistantMessage?.id ?? 0)
    expect(answer.status).toBe('completed')
    const sources = answer.metadata.sources as ChatSource[]
    expect(sources.map((source) => `${source.kind}:${source.id}`)).toEqual([
      `vault:${note.id}`,
      `todo:${todo.id}`,
      `activity:${activity.id}`,
    ])
    expect(stageTrail(await t.stages(answer.id))).toEqual([
      'retrieval:running',
      'retrieval:done',
      'embedding:running',
      'embedding:done',
      'generation:running',
      'generation:done',
    ])
    const rows = (await t.call('monitoring.stageTiming', { hours: 1 })).rows
    expect(rows.find((row) => row.stageName === 'embed')).toMatchObject({ count: 1, successCount: 1 })
    expect((await t.call('monitoring.tokenUsage', { hours: 1 })).rows.map((row) => row.model).sort()).toEqual(
      ['embed-model', 'test-model'],
    )
  })

  it('keeps the vectors in sqlite-vec: later questions embed only what is new, and find by meaning what shares no word', async () => {
    const t = await openChatCore({ server, embeddingModel: 'embed-model' })
    const { note, todo, activity, conversation } = await seedOtters(t)
    await new Promise((resolve) => setTimeout(resolve, 3))
    const diving = await t.call('vaults.create', {
      title: 'Kelp forest diving log',
      content: 'Dived among the seaweed at dawn.',
    })
    const embeddings = (...vectors: number[][]) => ({
      kind: 'json' as const,
      body: { data: vectors.map((embedding, index) => ({ embedding, index })), usage: { prompt_tokens: 5 } },
    })
    // "kelp": the diving log, the activity and the note match (newest first); the todo does not.
    server.script('/embeddings', embeddings([1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0.5, 0.5, 0]))
    // "otter": the activity and the note are known; only the question and the todo are embedded.
    server.script('/embeddings', embeddings([0.95, 0.05, 0], [0, 0, 1]))
    server.script('/chat/completions', sse(['About kelp.']), sse(['About otters.']), sse(['Again.']))

    const first = await t.call('chat.send', { conversationId: conversation.id, content: 'kelp' })
    expect((await t.ended(first.assistantMessage?.id ?? 0)).status).toBe('completed')
    const second = await t.call('chat.send', { conversationId: conversation.id, content: 'otter' })
    const answer = await t.ended(second.assistantMessage?.id ?? 0)

    const inputs = server.requests
      .filter((request) => request.path === '/embeddings')
      .map((request) => request.body?.input as string[])
    expect(inputs.map((input) => input.length)).toEqual([4, 2])
    expect(inputs[1]?.[1]).toContain('Send the otter survey')
    // The diving log never says "otter", but its vector is closest to the question's.
    const sources = answer.metadata.sources as ChatSource[]
    expect(sources.map((source) => `${source.kind}:${source.id}`)).toEqual([
      `vault:${diving.id}`,
      `vault:${note.id}`,
      `activity:${activity.id}`,
      `todo:${todo.id}`,
    ])
    const embedding = (await t.stages(answer.id)).find(
      (step) => step.stage === 'embedding' && step.metadata.status === 'done',
    )
    expect(embedding?.metadata).toMatchObject({ embedded: 2, reused: 2, related: 1, indexed: true })
    expect(fs.existsSync(path.join(t.dataDir, 'vectors.db'))).toBe(true)

    // After a restart the index is still there: only the question needs a vector.
    t.close()
    const again = await openChatCore({ dataDir: t.dataDir, server, embeddingModel: 'embed-model' })
    server.script('/embeddings', embeddings([0.95, 0.05, 0]))
    const third = await again.call('chat.send', { conversationId: conversation.id, content: 'otter' })
    expect(await again.ended(third.assistantMessage?.id ?? 0)).toMatchObject({
      status: 'completed',
      errorMessage: '',
    })
    expect(server.requests.filter((request) => request.path === '/embeddings').at(-1)?.body?.input).toEqual([
      'otter',
    ])
  })

  it('keeps the keyword order when the embedding call fails, and still answers', async () => {
    const t = await openChatCore({ server, embeddingModel: 'embed-model' })
    const { conversation } = await seedOtters(t)
    const down = { kind: 'json' as const, status: 400, body: { error: { message: 'unknown model' } } }
    server.script('/embeddings', down)
    server.script('/chat/completions', sse(['Still here.']))
    const sent = await t.call('chat.send', { conversationId: conversation.id, content: 'otter survey' })
    const answer = await t.ended(sent.assistantMessage?.id ?? 0)
    expect(answer).toMatchObject({ status: 'completed', content: 'Still here.' })
    const steps = await t.stages(answer.id)
    expect(stageTrail(steps)).toContain('embedding:failed')
    expect(steps.find((step) => step.metadata.status === 'failed')?.content).toMatch(/unknown model/)
  })
})

describe('chat without AI configured', () => {
  it('stores the question and says what AI would add; nothing is asked of any provider', async () => {
    const t = await openChatCore()
    const conversation = await t.call('conversations.create', { title: 'Offline' })
    expect(await t.call('chat.status', {})).toMatchObject({
      configured: false,
      chatModel: null,
      message: expect.stringContaining('Settings'),
    })
    const sent = await t.call('chat.send', { conversationId: conversation.id, content: 'Anyone there?' })
    expect(sent.assistantMessage).toBeNull()
    expect(sent.notice).toMatch(/AI is not configured.*Settings/)
    const list = await t.call('messages.list', { conversationId: conversation.id })
    expect(list.items).toEqual([expect.objectContaining({ role: 'user', content: 'Anyone there?' })])

    // An answer that failed earlier (AI since switched off) is not retried either; the reason is the same.
    const old = await t.call('messages.startStream', {
      conversationId: conversation.id,
      parentMessageId: sent.userMessage.id,
    })
    await t.call('messages.fail', { id: old.id, errorMessage: 'provider went away' })
    expect(await t.call('chat.retry', { messageId: old.id })).toEqual({
      assistantMessage: null,
      notice: sent.notice,
    })
  })

  it('names a conversation started without a name after its first question, and keeps a given name', async () => {
    const t = await openChatCore()
    const unnamed = await t.call('conversations.create', {})
    await t.call('chat.send', {
      conversationId: unnamed.id,
      content: '  Where did I put\nthe notes from the walrus migration planning meeting last week?',
    })
    expect((await t.call('conversations.get', { id: unnamed.id })).title).toBe(
      'Where did I put the notes from the walrus migration…',
    )
    await t.call('chat.send', { conversationId: unnamed.id, content: 'And the budget?' })
    expect((await t.call('conversations.get', { id: unnamed.id })).title).toMatch(/^Where did I put/)
    const named = await t.call('conversations.create', { title: 'Walrus' })
    await t.call('chat.send', { conversationId: named.id, content: 'Anything new?' })
    expect((await t.call('conversations.get', { id: named.id })).title).toBe('Walrus')
  })

  it('refuses bad input before writing anything', async () => {
    const t = await openChatCore()
    const conversation = await t.call('conversations.create', { title: 'Offline' })
    expect(await t.fail('chat.send', { conversationId: conversation.id, content: '   ' })).toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect(await t.fail('chat.send', { conversationId: 999, content: 'hello' })).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect((await t.call('messages.list', { conversationId: conversation.id })).items).toHaveLength(0)
  })
})

describe('a restart in the middle of an answer', () => {
  it('finds the answer marked interrupted with the text that had arrived', async () => {
    const t = await openChatCore({ server })
    const { conversation } = await seedOtters(t)
    server.script('/chat/completions', {
      kind: 'sse',
      events: [delta('Before the crash'), delta(' never sent')],
      stallAfter: 1,
    })
    const sent = await t.call('chat.send', { conversationId: conversation.id, content: 'otters?' })
    const id = sent.assistantMessage?.id ?? 0
    await expect
      .poll(() => t.eventsNamed('messages.delta').some((event) => event.messageId === id))
      .toBe(true)
    t.close()
    await expect.poll(() => server.openRequests).toBe(0)

    const again = await openChatCore({ dataDir: t.dataDir })
    expect(await again.call('messages.get', { id })).toMatchObject({
      status: 'interrupted',
      content: 'Before the crash',
    })
  })
})
