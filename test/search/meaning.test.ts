import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AiStatus } from '../../src/shared/contract/domains/ai'
import type { MeaningHit } from '../../src/shared/contract/domains/search'
import { insertFrames } from '../ai/captures'
import { FakeLlmServer } from '../support/fakeLlmServer'
import { startHostProcess } from '../support/hostProcess'
import type { HostProcess } from '../support/hostProcess'
import { RpcClient } from '../support/rpcClient'
import { TopicEmbeddings } from '../support/topicEmbeddings'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await sleep(50)
  }
}

/** Every item carries one tag word (`tag12`), so a text sent to the provider says which item it was. */
const tagsIn = (text: string) => text.match(/tag\d+/g) ?? []
/** The tags of an embedded text's own body (the first line is the title: a message's is its conversation's). */
const bodyTags = (text: string) => tagsIn(text.slice(text.indexOf('\n') + 1))

type Meaning = { hits: MeaningHit[]; indexed: number; problem: { code: string; message: string } | null }

describe('search by meaning', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-meaning-'))
  let server: FakeLlmServer
  let topics: TopicEmbeddings
  let host: HostProcess | null = null
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  beforeEach(async () => {
    server = await new FakeLlmServer().start()
    topics = new TopicEmbeddings(server)
  })
  afterEach(async () => {
    host?.child.kill('SIGKILL')
    await server.stop()
  })

  const start = async (): Promise<RpcClient> => {
    host = await startHostProcess(['--data-dir', dataDir, '--port', '0'])
    return RpcClient.connect(host.ready.rpc, host.ready.token)
  }
  const kill = async () => {
    host?.child.kill('SIGKILL')
    expect(await host?.exited).toBe('SIGKILL')
    host = null
  }
  /** The tags of the items whose vectors are in the index file now (read beside the stopped host). */
  const storedTags = (): string[] => {
    const db = new Database(path.join(dataDir, 'vectors.db'), { readonly: true })
    try {
      return db.prepare<[], string>('SELECT snippet FROM items').pluck().all().flatMap(tagsIn)
    } finally {
      db.close()
    }
  }

  it('embeds every kind in the background, repeats nothing after a SIGKILL, and finds by meaning what shares no word', async () => {
    let client = await start()
    let tag = 0
    const next = () => `tag${(tag += 1)}`
    // Items of every kind, one of each about the sea (sharing no word with the query "sea creatures").
    await client.call('vaults.create', {
      title: 'Diving log',
      content: `${next()} The whale swam over the coral.`,
    })
    await client.call('todos.create', { content: `${next()} Book the reef dive with the dolphin guide` })
    await client.call('activities.create', {
      title: 'Reading',
      content: `${next()} Read about marine biology and the tide`,
      startAt: Date.now() - 60_000,
      endAt: Date.now(),
    })
    await client.call('tips.create', { content: `${next()} Watch the tide tables before a dive on the reef` })
    const conversation = await client.call<{ id: number }>('conversations.create', {
      title: `${next()} Whales`,
    })
    await client.call('messages.create', {
      conversationId: conversation.id,
      role: 'user',
      content: `${next()} How deep do whales dive?`,
    })
    for (let index = 0; index < 40; index += 1) {
      await client.call('vaults.create', {
        title: `Budget ${index}`,
        content: `${next()} invoice and tax notes`,
      })
      await client.call('todos.create', { content: `${next()} Practise the guitar chord ${index}` })
    }
    const [frame] = insertFrames(dataDir, [Date.now() - 120_000])
    const db = new Database(path.join(dataDir, 'cairn.db'))
    db.prepare(
      `INSERT INTO capture_text (capture_id, recognized_at, languages, text) VALUES (?, ?, 'eng', ?)`,
    ).run(frame, Date.now(), `${next()} Dolphin and whale sightings chart`)
    db.close()
    const total = tag

    // Without an embedding model: keyword hits only, and why.
    const before = await client.call<Meaning>('search.meaning', { query: 'guitar', perKind: 4, limit: 50 })
    expect(before.problem?.code).toBe('NO_MODEL')
    expect(before.hits.length).toBeGreaterThan(0)
    expect(before.hits.every((hit) => hit.match === 'words')).toBe(true)
    expect(server.requests.filter((request) => request.path === '/embeddings')).toEqual([])

    topics.delayMs = 400
    for (const [key, value] of [
      ['ai.provider', 'custom'],
      ['ai.baseUrl', server.baseUrl],
      ['ai.embeddingModel', 'embed-model'],
    ] as const) {
      await client.call('settings.set', { key, value })
    }
    // Killed with the first batch stored and the second one's request in flight.
    const calls = () => server.requests.filter((request) => request.path === '/embeddings').length
    await until('the second batch sent', () => calls() >= 2)
    await sleep(100)
    await kill()
    // What the database looked like then, to put back later as a restore from an older backup would.
    const backup = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-meaning-backup-'))
    for (const file of ['cairn.db', 'cairn.db-wal']) {
      if (fs.existsSync(path.join(dataDir, file)))
        fs.copyFileSync(path.join(dataDir, file), path.join(backup, file))
    }
    // The index is private like every file of the data folder.
    expect(fs.statSync(path.join(dataDir, 'vectors.db')).mode & 0o777).toBe(0o600)
    const storedAtKill = storedTags()
    expect(storedAtKill.length).toBeGreaterThanOrEqual(32)
    expect(storedAtKill.length).toBeLessThan(total)
    const sentBeforeKill = topics.embedded.length

    topics.delayMs = 0
    client = await start()
    let status: AiStatus | null = null
    await until('everything embedded', async () => {
      status = await client.call<AiStatus>('ai.status')
      return status.meaningIndex?.state === 'upToDate' && status.meaningIndex.embedded === total
    })
    expect(status).toMatchObject({ meaningIndex: { model: 'embed-model', embedded: total, total } })
    const sentAfter = topics.embedded.slice(sentBeforeKill).flatMap(bodyTags)
    // Nothing stored before the kill was sent again; everything else was sent once.
    expect(sentAfter.filter((sent) => storedAtKill.includes(sent))).toEqual([])
    expect(new Set(sentAfter).size).toBe(sentAfter.length)
    expect(new Set([...storedAtKill, ...sentAfter]).size).toBe(total)

    // Found by meaning: no item holds "sea" or "creatures".
    const words = await client.call<{ hits: unknown[] }>('search.query', { query: 'sea creatures' })
    expect(words.hits).toEqual([])
    const found = await client.call<Meaning>('search.meaning', {
      query: 'sea creatures',
      perKind: 4,
      limit: 50,
    })
    expect(found.problem).toBeNull()
    expect(found.indexed).toBe(total)
    expect(found.hits.every((hit) => hit.match === 'meaning')).toBe(true)
    expect(new Set(found.hits.map((hit) => hit.kind))).toEqual(
      new Set(['vault', 'todo', 'activity', 'tip', 'conversation', 'message', 'screen']),
    )
    expect(found.hits.map((hit) => hit.title)).toContain('Diving log')
    // Words and meaning together: "whale" finds its word and the rest of the sea by meaning.
    const mixed = await client.call<Meaning>('search.meaning', { query: 'whale', limit: 50 })
    expect(mixed.hits[0]).toMatchObject({ match: 'both' })
    expect(mixed.hits.some((hit) => hit.match === 'meaning')).toBe(true)
    expect(mixed.hits.some((hit) => hit.title.startsWith('Budget'))).toBe(false)

    // The tokens count like other AI work.
    const usage = await client.call<{ rows: { model: string; totalTokens: number }[] }>(
      'monitoring.tokenUsage',
      { hours: 24 },
    )
    expect(usage.rows.filter((row) => row.model === 'embed-model').length).toBeGreaterThan(0)

    // A changed item is embedded again; a failing provider is said, and keyword hits still come.
    topics.failWith = 500
    await client.call('todos.create', { content: `${next()} Tune the piano` })
    await client.call('ai.processNow')
    await until('the failure noted', async () => {
      status = await client.call<AiStatus>('ai.status')
      return status.meaningIndex?.state === 'failing'
    })
    expect(status).toMatchObject({ lastError: { stage: 'embed' } })
    const failing = await client.call<Meaning>('search.meaning', { query: 'piano', limit: 10 })
    expect(failing.problem?.code).toBe('PROVIDER')
    expect(failing.hits.map((hit) => hit.match)).toEqual(['words'])
    topics.failWith = null
    await client.call('ai.processNow')
    await until('the new todo embedded', async () => {
      status = await client.call<AiStatus>('ai.status')
      return status.meaningIndex?.embedded === total + 1
    })

    // The database goes back to the older copy (as a restore would); a new tip then takes the id of a tip the
    // walk had passed, and is embedded all the same.
    await client.call('tips.create', { content: `${next()} Hum the concert tune` })
    await until('the tip embedded', () => topics.embedded.some((text) => text.includes('concert')))
    await kill()
    fs.rmSync(path.join(dataDir, 'cairn.db-wal'), { force: true })
    fs.rmSync(path.join(dataDir, 'cairn.db-shm'), { force: true })
    for (const file of fs.readdirSync(backup))
      fs.copyFileSync(path.join(backup, file), path.join(dataDir, file))
    fs.rmSync(backup, { recursive: true, force: true })
    client = await start()
    const tip = await client.call<{ id: number }>('tips.create', {
      content: `${next()} Whales sing at the reef`,
    })
    expect(tip.id).toBe(2)
    const found2 = async () =>
      (await client.call<Meaning>('search.meaning', { query: 'ocean', kinds: ['tip'], limit: 10 })).hits
    await until('the new tip found by meaning', async () =>
      (await found2()).some((hit) => hit.id === 2 && hit.title.includes('Whales')),
    )

    // Another embedding model starts an index of its own, and every item is embedded for it.
    const sentBefore = topics.embedded.length
    await client.call('settings.set', { key: 'ai.embeddingModel', value: 'embed-model-2' })
    await until('everything embedded for the new model', async () => {
      status = await client.call<AiStatus>('ai.status')
      const index = status.meaningIndex
      return index?.model === 'embed-model-2' && index.state === 'upToDate' && index.embedded === index.total
    })
    const final = await client.call<AiStatus>('ai.status')
    expect(final.meaningIndex).toMatchObject({
      model: 'embed-model-2',
      embedded: total + 1,
      total: total + 1,
    })
    expect(topics.embedded.length - sentBefore).toBe(total + 1)
  }, 120_000)
})
