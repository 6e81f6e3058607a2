import { describe, expect, it } from 'vitest'
import { openTestCore, readDatabase } from '../support/core'
import type { TestCore } from '../support/core'

function listAll(t: TestCore, limit: number, status?: 'active' | 'archived'): number[] {
  const ids: number[] = []
  let cursor: { updatedAt: number; id: number } | undefined
  for (let pages = 0; pages < 100; pages += 1) {
    const page = t.call('conversations.list', {
      limit,
      ...(status ? { status } : {}),
      ...(cursor ? { cursor } : {}),
    })
    ids.push(...page.items.map((item) => item.id))
    if (!page.nextCursor) return ids
    cursor = page.nextCursor
  }
  throw new Error('paging never ended')
}

describe('conversations', () => {
  it('creates, renames and reads a conversation', () => {
    const t = openTestCore()
    const created = t.call('conversations.create', { title: 'Trip ideas', metadata: { model: 'small' } })
    expect(created).toEqual({
      id: created.id,
      title: 'Trip ideas',
      status: 'active',
      metadata: { model: 'small' },
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    })
    t.clock.advance(10)
    expect(t.call('conversations.update', { id: created.id, title: 'Lisbon trip' })).toMatchObject({
      title: 'Lisbon trip',
      metadata: { model: 'small' },
      updatedAt: t.clock.now(),
    })
    expect(t.fail('conversations.get', { id: 404 }).code).toBe('NOT_FOUND')
    expect(t.fail('conversations.update', { id: 404, title: 'x' }).code).toBe('NOT_FOUND')
  })

  it('pages newest activity first, each conversation exactly once, even with equal times', () => {
    const t = openTestCore()
    const ids: number[] = []
    for (let index = 0; index < 23; index += 1) {
      ids.push(t.call('conversations.create', { title: `c${index}` }).id)
      // Several share a timestamp, so the id must break ties in the cursor.
      if (index % 3 === 0) t.clock.advance(1000)
    }
    const expected = [...ids].sort((a, b) => {
      const at = (id: number) => Math.floor(ids.indexOf(id) / 3)
      return at(b) - at(a) || b - a
    })
    for (const limit of [1, 2, 5, 7, 23, 50]) expect(listAll(t, limit), `limit ${limit}`).toEqual(expected)
  })

  it('moves a conversation to the top when a message is added to it', () => {
    const t = openTestCore()
    const older = t.call('conversations.create', { title: 'older' })
    t.clock.advance(1000)
    const newer = t.call('conversations.create', { title: 'newer' })
    expect(listAll(t, 10)).toEqual([newer.id, older.id])
    t.clock.advance(1000)
    t.call('messages.create', { conversationId: older.id, role: 'user', content: 'back to this' })
    expect(listAll(t, 10)).toEqual([older.id, newer.id])
  })

  it('archives a conversation out of the default list and brings it back', () => {
    const t = openTestCore()
    const keep = t.call('conversations.create', { title: 'keep' })
    const old = t.call('conversations.create', { title: 'old' })
    t.call('conversations.update', { id: old.id, status: 'archived' })
    expect(listAll(t, 10)).toEqual([keep.id])
    expect(listAll(t, 10, 'archived')).toEqual([old.id])
    t.call('conversations.update', { id: old.id, status: 'active' })
    expect(listAll(t, 10).sort()).toEqual([keep.id, old.id].sort())
  })

  it('deletes a conversation with all its messages and their thinking', () => {
    const t = openTestCore()
    const doomed = t.call('conversations.create', { title: 'doomed' })
    const other = t.call('conversations.create', { title: 'other' })
    const question = t.call('messages.create', { conversationId: doomed.id, role: 'user', content: 'q' })
    const answer = t.call('messages.create', {
      conversationId: doomed.id,
      role: 'assistant',
      content: 'a',
      parentMessageId: question.id,
    })
    t.call('thinking.add', { messageId: answer.id, stage: 'retrieval' })
    const survivor = t.call('messages.create', { conversationId: other.id, role: 'user', content: 'stays' })
    t.call('thinking.add', { messageId: survivor.id, stage: 'retrieval' })

    expect(t.call('conversations.delete', { id: doomed.id })).toEqual({ id: doomed.id, deleted: true })
    expect(t.fail('conversations.get', { id: doomed.id }).code).toBe('NOT_FOUND')
    expect(t.fail('messages.get', { id: answer.id }).code).toBe('NOT_FOUND')
    expect(t.fail('thinking.list', { messageId: answer.id }).code).toBe('NOT_FOUND')
    const left = readDatabase(t.core.databasePath, (db) => ({
      messages: db.prepare('SELECT count(*) FROM messages').pluck().get(),
      thinking: db.prepare('SELECT count(*) FROM message_thinking').pluck().get(),
    }))
    expect(left).toEqual({ messages: 1, thinking: 1 })
    expect(t.fail('conversations.delete', { id: doomed.id }).code).toBe('NOT_FOUND')
  })

  it('gives no cursor when the last page is exactly full', () => {
    const t = openTestCore()
    for (let index = 0; index < 3; index += 1) t.call('conversations.create', { title: `c${index}` })
    const page = t.call('conversations.list', { limit: 3 })
    expect(page.items).toHaveLength(3)
    expect(page.nextCursor).toBeNull()
  })
})
