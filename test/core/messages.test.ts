import { describe, expect, it } from 'vitest'
import { STREAM_FLUSH_MS } from '../../src/core/services/messages'
import { JOB_NAMES } from '../../src/shared/contract/domains/jobs'
import { openTestCore, readDatabase } from '../support/core'
import type { TestCore } from '../support/core'

/** What is in the file right now, read by another connection. */
const onDisk = (t: TestCore, id: number) =>
  readDatabase(t.core.databasePath, (db) =>
    db
      .prepare<[number], { content: string; status: string }>(
        'SELECT content, status FROM messages WHERE id = ?',
      )
      .get(id),
  )

function conversation(t: TestCore): number {
  return t.call('conversations.create', { title: 'chat' }).id
}

describe('messages', () => {
  it('lists the last N messages before a cursor, oldest first', () => {
    const t = openTestCore()
    const chat = conversation(t)
    const other = conversation(t)
    const ids: number[] = []
    for (let index = 0; index < 10; index += 1) {
      ids.push(
        t.call('messages.create', {
          conversationId: chat,
          role: index % 2 ? 'assistant' : 'user',
          content: `m${index}`,
        }).id,
      )
      t.call('messages.create', { conversationId: other, role: 'user', content: `noise ${index}` })
    }
    const last = t.call('messages.list', { conversationId: chat, limit: 4 })
    expect(last.items.map((message) => message.content)).toEqual(['m6', 'm7', 'm8', 'm9'])
    expect(last.nextBefore).toBe(ids[6])
    const earlier = t.call('messages.list', { conversationId: chat, limit: 4, before: last.nextBefore ?? 0 })
    expect(earlier.items.map((message) => message.content)).toEqual(['m2', 'm3', 'm4', 'm5'])
    const first = t.call('messages.list', { conversationId: chat, limit: 4, before: earlier.nextBefore ?? 0 })
    expect(first.items.map((message) => message.content)).toEqual(['m0', 'm1'])
    expect(first.nextBefore).toBeNull()
    expect(t.fail('messages.list', { conversationId: 999 }).code).toBe('NOT_FOUND')
  })

  it('creates complete messages and refuses a parent from another conversation', () => {
    const t = openTestCore()
    const chat = conversation(t)
    const message = t.call('messages.create', {
      conversationId: chat,
      role: 'user',
      content: 'Hi',
      tokenCount: 2,
    })
    expect(message).toMatchObject({
      conversationId: chat,
      parentMessageId: null,
      role: 'user',
      content: 'Hi',
      status: 'completed',
      tokenCount: 2,
      completedAt: t.clock.now(),
    })
    const elsewhere = conversation(t)
    expect(
      t.fail('messages.create', {
        conversationId: elsewhere,
        role: 'user',
        content: 'x',
        parentMessageId: message.id,
      }).code,
    ).toBe('NOT_FOUND')
    expect(t.fail('messages.create', { conversationId: 999, role: 'user', content: 'x' }).code).toBe(
      'NOT_FOUND',
    )
  })

  it('streams: every chunk is announced at once, and is on disk within 100 ms and at finish', () => {
    const t = openTestCore()
    const chat = conversation(t)
    const started = t.call('messages.startStream', { conversationId: chat })
    expect(started).toMatchObject({ status: 'streaming', content: '', role: 'assistant', completedAt: null })

    expect(t.call('messages.appendChunk', { id: started.id, chunk: 'Hel' })).toEqual({
      id: started.id,
      length: 3,
    })
    expect(t.call('messages.appendChunk', { id: started.id, chunk: 'lo' })).toEqual({
      id: started.id,
      length: 5,
    })
    expect(t.eventsNamed('messages.delta')).toEqual([
      { messageId: started.id, conversationId: chat, chunk: 'Hel', length: 3 },
      { messageId: started.id, conversationId: chat, chunk: 'lo', length: 5 },
    ])
    // Batched: not one commit per chunk.
    expect(onDisk(t, started.id)?.content).toBe('')
    t.clock.advance(STREAM_FLUSH_MS - 1)
    expect(onDisk(t, started.id)?.content).toBe('')
    t.clock.advance(1)
    expect(STREAM_FLUSH_MS).toBe(100)
    expect(onDisk(t, started.id)?.content).toBe('Hello')

    t.call('messages.appendChunk', { id: started.id, chunk: ', world' })
    // Reading the message shows what has arrived so far.
    expect(t.call('messages.get', { id: started.id }).content).toBe('Hello, world')
    t.call('messages.appendChunk', { id: started.id, chunk: '!' })
    t.clock.advance(10)
    const finished = t.call('messages.finish', {
      id: started.id,
      tokenCount: 4,
      latencyMs: 250,
      metadata: { model: 'm' },
    })
    expect(finished).toMatchObject({
      content: 'Hello, world!',
      status: 'completed',
      tokenCount: 4,
      latencyMs: 250,
      metadata: { model: 'm' },
      completedAt: t.clock.now(),
    })
    expect(onDisk(t, started.id)).toEqual({ content: 'Hello, world!', status: 'completed' })
    expect(t.eventsNamed('messages.updated').at(-1)?.message).toEqual(finished)
    // Only the background jobs' timers are left waiting: no stream timer outlives its stream.
    expect(t.clock.pendingTimers).toBe(JOB_NAMES.length)
  })

  it('writes a long burst to disk without waiting for the timer', () => {
    const t = openTestCore()
    const started = t.call('messages.startStream', { conversationId: conversation(t) })
    const chunk = 'x'.repeat(4096)
    for (let index = 0; index < 8; index += 1) t.call('messages.appendChunk', { id: started.id, chunk })
    expect(onDisk(t, started.id)?.content.length).toBeGreaterThanOrEqual(16_384)
  })

  it('refuses to finish twice, and to append to a finished message', () => {
    const t = openTestCore()
    const started = t.call('messages.startStream', { conversationId: conversation(t) })
    t.call('messages.appendChunk', { id: started.id, chunk: 'done' })
    t.call('messages.finish', { id: started.id })
    expect(t.fail('messages.finish', { id: started.id }).code).toBe('FAILED_PRECONDITION')
    expect(t.fail('messages.appendChunk', { id: started.id, chunk: 'more' }).code).toBe('FAILED_PRECONDITION')
    expect(t.fail('messages.interrupt', { id: started.id }).code).toBe('FAILED_PRECONDITION')
    expect(t.call('messages.get', { id: started.id })).toMatchObject({ content: 'done', status: 'completed' })
    const complete = t.call('messages.create', {
      conversationId: started.conversationId,
      role: 'user',
      content: 'x',
    })
    expect(t.fail('messages.appendChunk', { id: complete.id, chunk: 'more' }).code).toBe(
      'FAILED_PRECONDITION',
    )
    expect(t.fail('messages.finish', { id: 999 }).code).toBe('NOT_FOUND')
  })

  it('keeps the text that arrived when a stream is interrupted or fails', () => {
    const t = openTestCore()
    const chat = conversation(t)
    const stopped = t.call('messages.startStream', { conversationId: chat })
    t.call('messages.appendChunk', { id: stopped.id, chunk: 'Partial ans' })
    const interrupted = t.call('messages.interrupt', { id: stopped.id })
    expect(interrupted).toMatchObject({ status: 'interrupted', content: 'Partial ans', errorMessage: '' })
    expect(t.call('messages.interrupt', { id: stopped.id })).toEqual(interrupted)
    expect(t.fail('messages.appendChunk', { id: stopped.id, chunk: 'wer' }).code).toBe('FAILED_PRECONDITION')

    const broken = t.call('messages.startStream', { conversationId: chat })
    t.call('messages.appendChunk', { id: broken.id, chunk: 'Half' })
    const failed = t.call('messages.fail', { id: broken.id, errorMessage: 'The provider hung up.' })
    expect(failed).toMatchObject({ status: 'failed', content: 'Half', errorMessage: 'The provider hung up.' })
    expect(onDisk(t, broken.id)).toEqual({ content: 'Half', status: 'failed' })
    expect(t.fail('messages.finish', { id: broken.id }).code).toBe('FAILED_PRECONDITION')
    // Only the background jobs' timers are left waiting: no stream timer outlives its stream.
    expect(t.clock.pendingTimers).toBe(JOB_NAMES.length)
  })

  it('marks a message that was streaming when Cairn closed as interrupted, with its text, on the next start', () => {
    const first = openTestCore()
    const chat = conversation(first)
    const started = first.call('messages.startStream', { conversationId: chat })
    first.call('messages.appendChunk', { id: started.id, chunk: 'Written before ' })
    first.call('messages.appendChunk', { id: started.id, chunk: 'the quit' })
    first.close()
    expect(onDisk(first, started.id)).toEqual({ content: 'Written before the quit', status: 'streaming' })

    const second = openTestCore({ dataDir: first.dataDir, clock: first.clock })
    const recovered = second.call('messages.get', { id: started.id })
    expect(recovered).toMatchObject({ status: 'interrupted', content: 'Written before the quit' })
    expect(recovered.errorMessage).toMatch(/stopped/)
    expect(second.fail('messages.appendChunk', { id: started.id, chunk: 'x' }).code).toBe(
      'FAILED_PRECONDITION',
    )
  })

  it('deletes a message and its thinking, even mid-stream', () => {
    const t = openTestCore()
    const started = t.call('messages.startStream', { conversationId: conversation(t) })
    t.call('thinking.add', { messageId: started.id, stage: 'retrieval' })
    t.call('messages.appendChunk', { id: started.id, chunk: 'abc' })
    expect(t.call('messages.delete', { id: started.id })).toEqual({ id: started.id, deleted: true })
    t.clock.advance(1000)
    expect(t.fail('messages.get', { id: started.id }).code).toBe('NOT_FOUND')
    expect(
      readDatabase(t.core.databasePath, (db) =>
        db.prepare('SELECT count(*) FROM message_thinking').pluck().get(),
      ),
    ).toBe(0)
    expect(t.fail('messages.delete', { id: started.id }).code).toBe('NOT_FOUND')
  })
})

describe('thinking', () => {
  it('lists the stages of a message in the order they were added, and clears them', () => {
    const t = openTestCore()
    const chat = conversation(t)
    const message = t.call('messages.startStream', { conversationId: chat })
    const other = t.call('messages.create', { conversationId: chat, role: 'user', content: 'q' })
    const steps = ['retrieval', 'ranking', 'generation'].map((stage, index) =>
      t.call('thinking.add', {
        messageId: message.id,
        stage,
        content: `${stage}…`,
        progress: (index + 1) / 3,
      }),
    )
    t.call('thinking.add', { messageId: other.id, stage: 'elsewhere' })
    expect(steps.map((step) => step.sequence)).toEqual([0, 1, 2])
    expect(t.call('thinking.list', { messageId: message.id }).items).toEqual(steps)
    expect(t.eventsNamed('thinking.added').map((event) => event.step.stage)).toEqual([
      'retrieval',
      'ranking',
      'generation',
      'elsewhere',
    ])
    expect(t.call('thinking.clear', { messageId: message.id })).toEqual({ messageId: message.id, removed: 3 })
    expect(t.call('thinking.list', { messageId: message.id }).items).toEqual([])
    expect(t.call('thinking.list', { messageId: other.id }).items).toHaveLength(1)
    // Numbering starts again after a clear.
    expect(t.call('thinking.add', { messageId: message.id, stage: 'again' }).sequence).toBe(0)
    expect(t.fail('thinking.add', { messageId: 999, stage: 'x' }).code).toBe('NOT_FOUND')
    expect(t.fail('thinking.add', { messageId: message.id, stage: 'x', progress: 1.5 }).code).toBe(
      'INVALID_INPUT',
    )
  })

  it('says there is no older page when the last page is exactly full', () => {
    const t = openTestCore()
    const chat = conversation(t)
    for (let index = 0; index < 4; index += 1) {
      t.call('messages.create', { conversationId: chat, role: 'user', content: `m${index}` })
    }
    const page = t.call('messages.list', { conversationId: chat, limit: 4 })
    expect(page.items).toHaveLength(4)
    expect(page.nextBefore).toBeNull()
  })

  it('stops a stream whose conversation was deleted mid-stream', () => {
    const t = openTestCore()
    const chat = conversation(t)
    const stream = t.call('messages.startStream', { conversationId: chat })
    t.call('messages.appendChunk', { id: stream.id, chunk: 'half an answer' })
    t.call('conversations.delete', { id: chat })
    const deltas = t.events.filter((event) => event.name === 'messages.delta').length
    expect(t.fail('messages.appendChunk', { id: stream.id, chunk: 'more' }).code).toBe('NOT_FOUND')
    expect(t.events.filter((event) => event.name === 'messages.delta')).toHaveLength(deltas)
  })
})
