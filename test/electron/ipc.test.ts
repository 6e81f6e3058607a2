import type { WebContents } from 'electron'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src/shared/bridge'
import type { CoreConnection } from '../../src/core/runtime/connection'
import { connectInProcess } from '../../src/core/runtime/connection'
import { createCore } from '../../src/core/runtime/createCore'
import { bindIpc, isTrustedSender } from '../../src/main/electron/ipc'
import { FakeIpcMain, topFrame } from '../support/fakeIpcMain'

describe('the IPC binding of the contract', () => {
  const dirs: string[] = []
  let core: CoreConnection | null = null

  afterEach(async () => {
    await core?.close()
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  function startCore(): CoreConnection {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-ipc-'))
    dirs.push(dataDir)
    core = connectInProcess(createCore({ dataDir, validateOutput: true }))
    return core
  }

  it('trusts only the top-level frame of a page served from cairn://app', () => {
    expect(isTrustedSender({ senderFrame: topFrame('cairn://app/index.html') } as never)).toBe(true)
    expect(isTrustedSender({ senderFrame: { url: 'cairn://app/index.html', parent: {} } } as never)).toBe(
      false,
    )
    expect(isTrustedSender({ senderFrame: topFrame('https://evil.example/') } as never)).toBe(false)
    expect(isTrustedSender({ senderFrame: topFrame('file:///etc/passwd') } as never)).toBe(false)
    expect(isTrustedSender({ senderFrame: topFrame('cairn://other/index.html') } as never)).toBe(false)
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false)
  })

  it('answers calls from our window and refuses other senders without doing the work', async () => {
    const ipc = new FakeIpcMain()
    const connection = startCore()
    bindIpc(ipc, connection, () => [])
    const created = await ipc.invokeFrom(
      topFrame('cairn://app/index.html'),
      IPC_CALL_CHANNEL,
      'todos.create',
      {
        content: 'from the window',
      },
    )
    // The main process passes the result on as JSON text, never as objects; the preload parses it.
    expect(created).toMatchObject({ ok: true, resultJson: expect.any(String) as unknown })
    expect(JSON.parse((created as { resultJson: string }).resultJson)).toMatchObject({
      content: 'from the window',
    })
    const refused = await ipc.invokeFrom(
      topFrame('https://evil.example/'),
      IPC_CALL_CHANNEL,
      'todos.create',
      {
        content: 'from elsewhere',
      },
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    const list = await connection.call('todos.list', {})
    expect(list).toMatchObject({ ok: true, result: { total: 1 } })
    expect(await ipc.invokeFrom(topFrame('cairn://app/'), IPC_CALL_CHANNEL, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('pushes core events to every live window and stops after unbinding', async () => {
    const ipc = new FakeIpcMain()
    const connection = startCore()
    const sent: { channel: string; payload: unknown }[] = []
    const window = {
      isDestroyed: () => false,
      send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
    } as unknown as WebContents
    const closed = {
      isDestroyed: () => true,
      send: () => sent.push({ channel: 'closed', payload: null }),
    } as unknown as WebContents
    const unbind = bindIpc(ipc, connection, () => [window, closed])
    await connection.call('tips.create', { content: 'a tip' })
    expect(sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, payload: { name: 'tips.changed', data: { action: 'created', id: 1 } } },
    ])
    unbind()
    expect(ipc.handlers.size).toBe(0)
    await connection.call('tips.create', { content: 'another' })
    expect(sent).toHaveLength(1)
  })
})
