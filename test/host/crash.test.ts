import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startHostProcess } from '../support/hostProcess'
import { RpcClient } from '../support/rpcClient'

const ROUNDS = 30

/** Writes through the contract with a few calls in flight, remembering what the host acknowledged. */
async function writeUntilKilled(
  client: RpcClient,
  conversationId: number,
  round: number,
  acknowledged: Map<string, string>,
): Promise<void> {
  let sequence = 0
  const writer = async (): Promise<void> => {
    for (;;) {
      const index = sequence++
      const content = `round ${round} write ${index}`
      const kind = index % 2 === 0 ? 'todo' : 'message'
      const reply =
        kind === 'todo'
          ? await client.request('todos.create', { content })
          : await client.request('messages.create', { conversationId, role: 'user', content })
      if (!reply.result) return
      acknowledged.set(content, kind)
    }
  }
  await Promise.race([
    Promise.all([writer(), writer(), writer(), writer()]),
    new Promise((resolve) => client.socket.once('close', resolve)),
  ])
}

describe('killing the host with SIGKILL during a stream of writes', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-crash-'))
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it(`loses no acknowledged write and keeps the database intact, ${ROUNDS} times`, async () => {
    const acknowledged = new Map<string, string>()
    let streamingId = 0
    for (let round = 0; round < ROUNDS; round += 1) {
      const host = await startHostProcess(['--data-dir', dataDir, '--port', '0'])
      const client = await RpcClient.connect(host.ready.rpc, host.ready.token)
      if (streamingId > 0) {
        // The reply that was streaming when the previous process died is marked interrupted, keeping its text.
        expect(await client.call('messages.get', { id: streamingId })).toMatchObject({
          status: 'interrupted',
        })
      }
      const conversation = await client.call<{ id: number }>('conversations.create', {
        title: `round ${round}`,
      })
      const stream = await client.call<{ id: number }>('messages.startStream', {
        conversationId: conversation.id,
      })
      streamingId = stream.id
      await client.call('messages.appendChunk', { id: stream.id, chunk: 'partial answer' })

      const writing = writeUntilKilled(client, conversation.id, round, acknowledged)
      const killAfterMs = 150 + Math.floor(Math.random() * 400)
      await new Promise((resolve) => setTimeout(resolve, killAfterMs))
      host.child.kill('SIGKILL')
      expect(await host.exited).toBe('SIGKILL')
      await writing

      const db = new Database(path.join(dataDir, 'cairn.db'))
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        const todos = new Set(db.prepare('SELECT content FROM todos').pluck().all() as string[])
        const messages = new Set(db.prepare('SELECT content FROM messages').pluck().all() as string[])
        const lost = [...acknowledged].filter(
          ([content, kind]) => !(kind === 'todo' ? todos : messages).has(content),
        )
        expect(lost).toEqual([])
        // The full-text index agrees with the rows it indexes.
        db.exec("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)")
        db.exec("INSERT INTO todos_fts(todos_fts, rank) VALUES ('integrity-check', 1)")
      } finally {
        db.close()
      }
    }
    expect(acknowledged.size).toBeGreaterThan(ROUNDS * 20)
  }, 300_000)
})
