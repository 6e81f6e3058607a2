import { describe, expect, it } from 'vitest'
import type { SearchHit } from '../../src/shared/contract/domains/search'
import { openTestCore } from '../support/core'
import type { TestCore } from '../support/core'

/** One item of every kind containing `word`, a second apart, oldest first: vault, todo, activity, tip, message. */
function oneOfEach(t: TestCore, word: string) {
  const vault = t.call('vaults.create', { title: 'Field notes', content: `Saw a ${word} near the river.` })
  t.clock.advance(1000)
  const todo = t.call('todos.create', { content: `Photograph the ${word} again` })
  t.clock.advance(1000)
  const activity = t.call('activities.create', {
    title: `Reading about the ${word}`,
    content: 'Wikipedia',
    startAt: 0,
    endAt: 1,
  })
  t.clock.advance(1000)
  const tip = t.call('tips.create', { content: `The ${word} is most active at dusk` })
  t.clock.advance(1000)
  const conversation = t.call('conversations.create', { title: 'Zoology' })
  const message = t.call('messages.create', {
    conversationId: conversation.id,
    role: 'user',
    content: `What does a ${word} eat?`,
  })
  return { vault, todo, activity, tip, message, conversation }
}

const search = (
  t: TestCore,
  query: string,
  extra: { kinds?: SearchHit['kind'][]; order?: 'newest' | 'relevance'; limit?: number } = {},
) => t.call('search.query', { query, ...extra }).hits

const marked = (hit: SearchHit): string[] =>
  hit.highlights.map(([start, end]) => hit.snippet.slice(start, end))

describe('search', () => {
  it('finds every kind at once, newest first, with the kind, id and conversation of each hit', () => {
    const t = openTestCore()
    const made = oneOfEach(t, 'quokka')
    const hits = search(t, 'quokka')
    expect(hits.map((hit) => [hit.kind, hit.id])).toEqual([
      ['message', made.message.id],
      ['tip', made.tip.id],
      ['activity', made.activity.id],
      ['todo', made.todo.id],
      ['vault', made.vault.id],
    ])
    expect(hits.map((hit) => hit.createdAt)).toEqual(
      [...hits.map((hit) => hit.createdAt)].sort((a, b) => b - a),
    )
    expect(hits[0]).toMatchObject({ title: 'Zoology', conversationId: made.conversation.id })
    expect(hits[4]).toMatchObject({ title: 'Field notes', conversationId: null })
    expect(search(t, 'quokka', { kinds: ['todo', 'tip'] }).map((hit) => hit.kind)).toEqual(['tip', 'todo'])
    expect(search(t, 'quokka', { limit: 2 }).map((hit) => hit.kind)).toEqual(['message', 'tip'])
    expect(search(t, 'quokka', { kinds: ['vault', 'vault'] }).map((hit) => hit.id)).toEqual([made.vault.id])
    expect(search(t, 'quokka', { kinds: ['vault', 'vault'], order: 'relevance' })).toHaveLength(1)
  })

  it('gives an activity hit its start, which the Timeline opens on, through the word and the CJK indexes', () => {
    const t = openTestCore()
    const startAt = t.clock.now() - 3_600_000
    t.call('activities.create', {
      title: 'Late numbat survey 季度报告草稿',
      startAt,
      endAt: startAt + 60_000,
    })
    const [word] = search(t, 'numbat')
    const [chinese] = search(t, '报告草稿')
    expect(word).toMatchObject({ kind: 'activity', startAt, createdAt: t.clock.now() })
    expect(chinese).toMatchObject({ kind: 'activity', startAt })
    // Only activities happen at a time of their own.
    t.call('todos.create', { content: 'numbat census' })
    expect(search(t, 'numbat', { kinds: ['todo'] })[0]).not.toHaveProperty('startAt')
  })

  it('marks the matched word in each snippet', () => {
    const t = openTestCore()
    oneOfEach(t, 'Quokkas')
    const hits = search(t, 'quokka')
    expect(hits).toHaveLength(5)
    for (const hit of hits) {
      expect(hit.snippet, hit.kind).toMatch(/Quokkas/)
      expect(marked(hit), hit.kind).toEqual(['Quokkas'])
    }
    t.call('vaults.create', { title: 'Twice', content: 'A wombat met another wombat at the café.' })
    const [hit] = search(t, 'wombat cafe', { kinds: ['vault'] })
    expect(hit && marked(hit)).toEqual(['wombat', 'wombat', 'café'])
  })

  it('matches words as prefixes, in any case and without accents, all words required', () => {
    const t = openTestCore()
    const doc = t.call('vaults.create', { title: 'Résumé', content: 'Naïve Bayes classifier notes' })
    t.call('vaults.create', { title: 'Other', content: 'Bayes only' })
    expect(search(t, 'resume').map((hit) => hit.id)).toEqual([doc.id])
    expect(search(t, 'NAIVE bay').map((hit) => hit.id)).toEqual([doc.id])
    expect(search(t, 'classif').map((hit) => hit.id)).toEqual([doc.id])
    expect(search(t, 'bayes').length).toBe(2)
    expect(search(t, 'bayes missing')).toEqual([])
  })

  it('treats operators, quotes and SQL in the query as plain words and never errors', () => {
    const t = openTestCore()
    const made = oneOfEach(t, 'platypus')
    const nasty = [
      '"platypus',
      'platypus"',
      'platypus AND',
      'OR platypus',
      'NOT',
      'NEAR(platypus',
      'platypus*',
      '*',
      '-platypus',
      '^platypus',
      'content:platypus',
      '{content title}: platypus',
      "'; DROP TABLE vaults; --",
      '") OR 1=1 --',
      "platypus' OR '1'='1",
      '\u0000platypus',
      '%_\\',
      '🦆 platypus',
      'x'.repeat(500),
      'a '.repeat(250),
      '',
      '   ',
    ]
    for (const query of nasty) {
      const response = t.raw('search.query', { query })
      expect(response.ok, JSON.stringify(query)).toBe(true)
    }
    expect(search(t, '"platypus').length).toBe(5)
    expect(search(t, 'platypus*').length).toBe(5)
    expect(search(t, "'; DROP TABLE vaults; --")).toEqual([])
    expect(search(t, '')).toEqual([])
    expect(t.call('vaults.get', { id: made.vault.id }).title).toBe('Field notes')
    expect(search(t, 'relevance platypus', { order: 'relevance' })).toEqual([])
  })

  it('ranks by relevance when asked', () => {
    const t = openTestCore()
    const once = t.call('vaults.create', {
      title: 'Mention',
      content: 'one axolotl among many other words here',
    })
    const many = t.call('vaults.create', { title: 'Axolotl', content: 'axolotl axolotl axolotl' })
    t.call('vaults.update', { id: once.id, content: 'one axolotl among many other words here, edited' })
    const hits = search(t, 'axolotl', { order: 'relevance' })
    expect(hits.map((hit) => hit.id)).toEqual([many.id, once.id])
  })

  it('does not find trashed documents, dismissed tips, deleted items or replaced words', () => {
    const t = openTestCore()
    const made = oneOfEach(t, 'narwhal')
    t.call('vaults.trash', { id: made.vault.id })
    t.call('tips.dismiss', { id: made.tip.id })
    t.call('todos.delete', { id: made.todo.id })
    t.call('conversations.delete', { id: made.conversation.id })
    t.call('activities.create', { title: 'Unrelated', startAt: 0, endAt: 0 })
    expect(search(t, 'narwhal').map((hit) => hit.kind)).toEqual(['activity'])
    t.call('vaults.restore', { id: made.vault.id })
    expect(search(t, 'narwhal').map((hit) => hit.kind)).toEqual(['activity', 'vault'])
    t.call('vaults.update', { id: made.vault.id, content: 'Saw a heron.' })
    expect(search(t, 'narwhal').map((hit) => hit.kind)).toEqual(['activity'])
    expect(search(t, 'heron').map((hit) => hit.id)).toEqual([made.vault.id])
  })

  it('finds streamed text once it is written', () => {
    const t = openTestCore()
    const conversation = t.call('conversations.create', {})
    const message = t.call('messages.startStream', { conversationId: conversation.id })
    t.call('messages.appendChunk', { id: message.id, chunk: 'the capybara ' })
    t.call('messages.appendChunk', { id: message.id, chunk: 'swims' })
    t.clock.advance(100)
    expect(search(t, 'capybara swims').map((hit) => hit.id)).toEqual([message.id])
  })

  it('ranks by relevance with each hit’s own snippet', () => {
    const t = openTestCore()
    const chat = t.call('conversations.create', { title: 'Greek' }).id
    const ids: Record<string, number> = {}
    for (const text of ['alpha beta', 'alpha gamma', 'alpha alpha alpha delta', 'epsilon zeta']) {
      ids[text] = t.call('messages.create', { conversationId: chat, role: 'user', content: text }).id
      t.clock.advance(1000)
    }
    const hits = search(t, 'alpha', { order: 'relevance' })
    expect(hits).toHaveLength(3)
    expect(hits[0]?.id).toBe(ids['alpha alpha alpha delta'])
    for (const hit of hits) {
      const text = Object.entries(ids).find(([, id]) => id === hit.id)?.[0]
      expect(hit.snippet).toBe(text)
    }
  })

  it('answers a common whole word from whole-word matches and falls back to the prefix only when needed', () => {
    const t = openTestCore()
    for (let index = 0; index < 3; index += 1) t.call('todos.create', { content: `plan ${index}` })
    t.call('todos.create', { content: 'planning session' })
    // "plan" fills a page of 3 with whole-word matches; the newer "planning" is not merged in.
    expect(search(t, 'plan', { limit: 3 }).map((hit) => hit.snippet)).toEqual(['plan 2', 'plan 1', 'plan 0'])
    // A page the whole word cannot fill also gets the words it is a prefix of, still newest first.
    expect(search(t, 'plan', { limit: 10 }).map((hit) => hit.snippet)).toEqual([
      'planning session',
      'plan 2',
      'plan 1',
      'plan 0',
    ])
    expect(search(t, 'plann').map((hit) => hit.snippet)).toEqual(['planning session'])
    // A finished word (followed by a space) is matched whole; with no such word, the words one letter away.
    expect(t.call('search.query', { query: 'plann ' })).toMatchObject({ fuzzy: true })
    expect(search(t, 'plan ')).toHaveLength(search(t, 'plann ').length)
  })
})
