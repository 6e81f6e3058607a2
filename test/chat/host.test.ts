import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeLlmServer, delta, finish, usageChunk } from '../support/fakeLlmServer'
import type { HostProcess } from '../support/hostProcess'
import { startHostProcess, stopHostProcess } from '../support/hostProcess'
import { RpcClient } from '../support/rpcClient'

interface Message {
  id: number
  status: string
  content: string
  metadata: Record<string, unknown>
}

describe('chat through npm run serve, over the WebSocket', () => {
  let dataDir: string
  let host: HostProcess
  let client: RpcClient
  let server: FakeLlmServer

  beforeAll(async () => {
    server = await new FakeLlmServer().start()
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-chat-host-'))
    host = await startHostProcess(['--data-dir', dataDir, '--port', '0'])
    client = await RpcClient.connect(host.ready.rpc, host.ready.token)
  })

  afterAll(async () => {
    client?.close()
    await stopHostProcess(host)
    await server?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('streams an answer as messages.delta notifications, with its thinking stages and sources', async () => {
    // Configured the way the Settings screen does it.
    await client.call('settings.set', { key: 'ai.provider', value: 'custom' })
    await client.call('settings.set', { key: 'ai.baseUrl', value: server.baseUrl })
    await client.call('settings.set', { key: 'ai.chatModel', value: 'test-model' })
    expect(await client.call('chat.status')).toMatchObject({ configured: true, chatModel: 'test-model' })
    const doc = await client.call<{ id: number }>('vaults.create', {
      title: 'Walrus plan',
      content: 'The walrus migration starts in March.',
    })
    const conversation = await client.call<{ id: number }>('conversations.create', { title: 'Walrus' })
    server.script('/chat/completions', {
      kind: 'sse',
      events: [delta('In '), delta('March [1].'), finish(), usageChunk(50, 4)],
      gapMs: 10,
    })

    const sent = await client.call<{ assistantMessage: Message }>('chat.send', {
      conversationId: conversation.id,
      content: 'When does the walrus migration start?',
    })
    const id = sent.assistantMessage.id
    await client.waitForEvent(
      'messages.updated',
      (data) => (data.message as Message).id === id && (data.message as Message).status === 'completed',
    )
    const deltas = client.events.filter(
      (event) => event.name === 'messages.delta' && event.data.messageId === id,
    )
    expect(deltas.map((event) => event.data.chunk)).toEqual(['In ', 'March [1].'])
    const stages = client.events
      .filter((event) => event.name === 'thinking.added')
      .map((event) => event.data.step as { stage: string; messageId: number })
      .filter((step) => step.messageId === id)
      .map((step) => step.stage)
    expect(stages).toEqual(['retrieval', 'retrieval', 'generation', 'generation'])
    const answer = await client.call<Message>('messages.get', { id })
    expect(answer).toMatchObject({ status: 'completed', content: 'In March [1].' })
    expect(answer.metadata.sources).toEqual([expect.objectContaining({ kind: 'vault', id: doc.id })])
  })
})
