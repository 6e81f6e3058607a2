import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostProcess } from '../support/hostProcess'
import { startHostProcess, stopHostProcess } from '../support/hostProcess'
import { RpcClient } from '../support/rpcClient'

describe('the host refuses input that is too big', () => {
  let dataDir: string
  let host: HostProcess

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-limits-'))
    host = await startHostProcess(['--data-dir', dataDir, '--port', '0'])
  })

  afterAll(async () => {
    await stopHostProcess(host)
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('closes a socket that sends a frame over 16 MB with 1009, and keeps serving the others', async () => {
    const bystander = await RpcClient.connect(host.ready.rpc, host.ready.token)
    const sender = await RpcClient.connect(host.ready.rpc, host.ready.token)
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      sender.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    )
    const conversation = await bystander.call<{ id: number }>('conversations.create', { title: 'big' })
    const frame = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'messages.create',
      params: { conversationId: conversation.id, role: 'user', content: 'x'.repeat(17 * 1024 * 1024) },
    })
    sender.socket.send(frame)
    expect((await closed).code).toBe(1009)
    // The host is alive, other sockets work, and nothing was written.
    expect(await bystander.call('messages.list', { conversationId: conversation.id })).toMatchObject({
      items: [],
    })
    const again = await RpcClient.connect(host.ready.rpc, host.ready.token)
    expect(await again.call('system.health')).toMatchObject({ ok: true })
    again.close()
    bystander.close()
    expect(host.child.exitCode).toBeNull()
  })

  it('answers a 10 MB message inside the frame limit with -32602 INVALID_INPUT naming the field', async () => {
    const client = await RpcClient.connect(host.ready.rpc, host.ready.token)
    const conversation = await client.call<{ id: number }>('conversations.create', { title: 'big' })
    const reply = await client.request('messages.create', {
      conversationId: conversation.id,
      role: 'user',
      content: 'x'.repeat(10 * 1024 * 1024),
    })
    expect(reply.error).toMatchObject({ code: -32602, data: { code: 'INVALID_INPUT' } })
    expect(reply.error?.data?.issues?.[0]?.path).toEqual(['content'])
    expect(reply.error?.message).toMatch(/content/)
    client.close()
  })
})
