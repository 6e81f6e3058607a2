import { describe, expect, it } from 'vitest'
import { openTestCore } from '../support/core'

/**
 * The creates answer with the row as they wrote it instead of reading it back (issue 15): the answer, the event
 * and what a later read returns must be the same, for every kind of value the row can hold.
 */
describe('what a create answers is what is stored', () => {
  it('messages.create and startStream: text, metadata, replies, ids after a deleted newest message', () => {
    const t = openTestCore()
    const chat = t.call('conversations.create', { title: 'chat' }).id
    const question = t.call('messages.create', {
      conversationId: chat,
      role: 'user',
      content: 'NUL \u0000 inside, emoji 😀, Chinese 季度报告, accents é',
      metadata: { tool: 'x', nested: { list: [1, 'two', null, true] }, n: -0.5 },
      tokenCount: 12,
    })
    expect(t.call('messages.get', { id: question.id })).toEqual(question)
    const answer = t.call('messages.create', {
      conversationId: chat,
      role: 'assistant',
      content: '',
      parentMessageId: question.id,
    })
    expect(t.call('messages.get', { id: answer.id })).toEqual(answer)
    expect(t.events.filter((event) => event.name === 'messages.updated').map((event) => event.data)).toEqual([
      { message: question },
      { message: answer },
    ])
    const stream = t.call('messages.startStream', { conversationId: chat, parentMessageId: answer.id })
    expect(t.call('messages.get', { id: stream.id })).toEqual(stream)
    // A rowid table gives the next message max(id) + 1, so does the table keyed by conversation.
    t.call('messages.delete', { id: stream.id })
    expect(t.call('messages.create', { conversationId: chat, role: 'user', content: 'again' }).id).toBe(
      stream.id,
    )
    expect(t.call('conversations.get', { id: chat }).updatedAt).toBe(question.createdAt)
  })

  it('a refused message changes nothing, not even the conversation’s time', () => {
    const t = openTestCore()
    const chat = t.call('conversations.create', { title: 'chat' }).id
    const other = t.call('conversations.create', { title: 'other' }).id
    const elsewhere = t.call('messages.create', { conversationId: other, role: 'user', content: 'hi' })
    const before = t.call('conversations.get', { id: chat })
    expect(t.fail('messages.create', { conversationId: 999, role: 'user', content: 'x' })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No conversation with id 999.',
    })
    expect(
      t.fail('messages.create', {
        conversationId: chat,
        role: 'user',
        content: 'x',
        parentMessageId: elsewhere.id,
      }),
    ).toMatchObject({ code: 'NOT_FOUND' })
    expect(t.call('conversations.get', { id: chat })).toEqual(before)
    expect(t.call('messages.list', { conversationId: chat }).items).toEqual([])
    expect(t.fail('messages.list', { conversationId: 999 })).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('vaults.create, todos.create and activities.create', () => {
    const t = openTestCore()
    const folder = t.call('vaults.create', { title: 'Folder', isFolder: true })
    expect(t.call('vaults.get', { id: folder.id })).toEqual(folder)
    const note = t.call('vaults.create', {
      title: 'Plan 😀',
      content: 'body \u0000 é',
      summary: 's',
      tags: ['a', '季度'],
      parentId: folder.id,
      documentType: 'note',
    })
    const second = t.call('vaults.create', { title: 'Second', parentId: folder.id })
    expect(second.sortOrder).toBe(note.sortOrder + 1)
    for (const item of [note, second]) expect(t.call('vaults.get', { id: item.id })).toEqual(item)

    const activity = t.call('activities.create', {
      title: 'Wrote the plan',
      content: 'in the editor',
      resources: { screenshots: ['captures/a.jpg'], urls: ['https://example.com/'] },
      metadata: { app: 'editor' },
      startAt: 1_000,
      endAt: 2_000,
    })
    expect(t.call('activities.get', { id: activity.id })).toEqual(activity)

    const todo = t.call('todos.create', {
      content: 'send it',
      urgency: 2,
      assignee: 'me',
      reason: 'asked',
      dueAt: 5_000,
      startAt: 4_000,
      sourceActivityId: activity.id,
    })
    const plain = t.call('todos.create', { content: 'plain' })
    for (const item of [todo, plain]) expect(t.call('todos.get', { id: item.id })).toEqual(item)
  })
})
