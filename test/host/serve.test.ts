import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../src/shared/contract/methods'
import type { HostProcess } from '../support/hostProcess'
import {
  HOST_ENTRY,
  REPO_ROOT,
  runHostToExit,
  startHostProcess,
  stopHostProcess,
} from '../support/hostProcess'
import { RpcClient } from '../support/rpcClient'

function httpGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        )
      })
      .on('error', reject)
  })
}

describe('npm run serve (the headless host)', () => {
  let dataDir: string
  let host: HostProcess
  let client: RpcClient

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-serve-'))
    host = await startHostProcess(['--data-dir', dataDir, '--port', '0'])
    client = await RpcClient.connect(host.ready.rpc, host.ready.token)
  })

  afterAll(async () => {
    client?.close()
    await stopHostProcess(host)
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('prints exactly one ready line with the documented fields', () => {
    const { ready } = host
    expect(Object.keys(ready)).toEqual(['event', 'url', 'rpc', 'token', 'dataDir'])
    expect(ready.event).toBe('ready')
    expect(ready.rpc).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/rpc$/)
    const port = new URL(ready.rpc).port
    expect(ready.url).toBe(`http://127.0.0.1:${port}/#token=${ready.token}`)
    expect(ready.token.length).toBeGreaterThanOrEqual(24)
    expect(ready.dataDir).toBe(dataDir)
    expect(host.stdoutLines).toHaveLength(1)
    expect(fs.existsSync(path.join(dataDir, 'cairn.db'))).toBe(true)
  })

  it('serves the built renderer with a strict content security policy, only to its own host name', async () => {
    const origin = new URL(host.ready.url).origin
    const page = await httpGet(`${origin}/`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<div id="root">')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    const rebound = await httpGet(`${origin}/`, { Host: 'evil.example:80' })
    expect(rebound.status).toBe(421)
  })

  it('refuses a missing or wrong token with 401 and a foreign Origin with 403', async () => {
    await expect(RpcClient.connect(host.ready.rpc, 'wrong-token')).rejects.toMatchObject({ statusCode: 401 })
    await expect(RpcClient.connect(host.ready.rpc, '')).rejects.toMatchObject({ statusCode: 401 })
    await expect(
      RpcClient.connect(host.ready.rpc, host.ready.token, { Origin: 'http://evil.example' }),
    ).rejects.toMatchObject({ statusCode: 403 })
    const own = await RpcClient.connect(host.ready.rpc, host.ready.token, {
      Origin: new URL(host.ready.url).origin,
    })
    expect(await own.call('system.health')).toMatchObject({ ok: true })
    own.close()
  })

  it('answers every method of the contract over the socket', async () => {
    const called = new Set<string>()
    const call = async <T = Record<string, unknown>>(method: string, params: unknown = {}): Promise<T> => {
      called.add(method)
      return client.call<T>(method, params)
    }
    const now = Date.now()
    const folder = await call<{ id: number }>('vaults.create', { title: 'Projects', isFolder: true })
    const doc = await call<{ id: number }>('vaults.create', {
      title: 'Plan',
      content: 'walrus migration plan',
      parentId: folder.id,
    })
    expect(await call('vaults.get', { id: doc.id })).toMatchObject({ title: 'Plan', parentId: folder.id })
    // [[links]]: a second document links to Plan; Plan lists it, the title is found and resolved.
    const linking = await call<{ id: number }>('vaults.create', {
      title: 'Notes on the plan',
      content: 'See [[Plan]] first.',
    })
    expect(await call('vaults.backlinks', { id: doc.id })).toMatchObject({
      items: [{ id: linking.id, title: 'Notes on the plan' }],
    })
    expect(await call('vaults.titles', { query: 'Pla' })).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ id: doc.id, title: 'Plan' })]) as unknown,
    })
    expect(await call('vaults.resolve', { titles: ['plan', 'Nowhere'] })).toEqual({
      items: [
        { title: 'plan', id: doc.id },
        { title: 'Nowhere', id: null },
      ],
    })
    await call('vaults.trash', { id: linking.id })
    expect(await call('vaults.list', { parentId: folder.id })).toMatchObject({ total: 1 })
    expect(await call('vaults.tree', {})).toMatchObject({
      nodes: [{ title: 'Projects', childCount: 1 }],
      total: 1,
    })
    expect(await call('vaults.tree', { parentId: folder.id })).toMatchObject({ nodes: [{ title: 'Plan' }] })
    expect(
      await call('vaults.update', { id: doc.id, content: 'walrus migration plan, revised' }),
    ).toMatchObject({
      content: 'walrus migration plan, revised',
    })
    expect(await call('vaults.move', { id: doc.id, parentId: null, index: 0 })).toMatchObject({
      parentId: null,
      sortOrder: 0,
    })
    expect(await call('vaults.trash', { id: doc.id })).toMatchObject({ isDeleted: true })
    expect(await call('vaults.restore', { id: doc.id })).toMatchObject({ isDeleted: false })
    await call('vaults.trash', { id: folder.id })
    expect(await call('vaults.delete', { id: folder.id })).toMatchObject({ deleted: true, removed: 1 })

    const activity = await call<{ id: number }>('activities.create', {
      title: 'Reviewed walrus plan',
      startAt: now - 60_000,
      endAt: now,
    })
    expect(await call('activities.get', { id: activity.id })).toMatchObject({ title: 'Reviewed walrus plan' })
    expect(await call('activities.list', { from: now - 3_600_000, to: now + 1 })).toMatchObject({ total: 1 })
    expect(await call('activities.latest')).toMatchObject({ activity: { id: activity.id } })
    expect(
      await call('activities.countByDay', { boundaries: [now - 7_200_000, now - 3_600_000, now + 1] }),
    ).toEqual({ counts: [0, 1] })

    const todo = await call<{ id: number }>('todos.create', {
      content: 'Email the walrus team',
      urgency: 2,
      sourceActivityId: activity.id,
    })
    expect(await call('todos.get', { id: todo.id })).toMatchObject({ urgency: 2 })
    expect(await call('todos.update', { id: todo.id, assignee: 'me' })).toMatchObject({ assignee: 'me' })
    expect(await call('todos.setStatus', { id: todo.id, status: 'done' })).toMatchObject({ status: 'done' })
    expect(await call('todos.list', { status: 'done' })).toMatchObject({ total: 1 })
    expect(await call('activities.delete', { id: activity.id })).toMatchObject({ deleted: true })
    expect(await call('todos.get', { id: todo.id })).toMatchObject({ sourceActivityId: null })
    const extra = await call<{ id: number }>('todos.create', { content: 'to be deleted' })
    expect(await call('todos.delete', { id: extra.id })).toMatchObject({ deleted: true })

    const tip = await call<{ id: number }>('tips.create', { content: 'Batch your walrus emails' })
    expect(await call('tips.list')).toMatchObject({ total: 1 })
    expect(await call('tips.dismiss', { id: tip.id })).toMatchObject({ id: tip.id })
    expect(await call('tips.get', { id: tip.id })).toMatchObject({
      id: tip.id,
      content: 'Batch your walrus emails',
    })
    expect(await call('tips.list')).toMatchObject({ total: 0 })

    const conversation = await call<{ id: number }>('conversations.create', { title: 'Walrus chat' })
    expect(await call('conversations.get', { id: conversation.id })).toMatchObject({ title: 'Walrus chat' })
    expect(await call('conversations.update', { id: conversation.id, title: 'Walrus' })).toMatchObject({
      title: 'Walrus',
    })
    const question = await call<{ id: number }>('messages.create', {
      conversationId: conversation.id,
      role: 'user',
      content: 'Where is the walrus?',
    })
    const answer = await call<{ id: number }>('messages.startStream', {
      conversationId: conversation.id,
      parentMessageId: question.id,
    })
    expect(await call('messages.appendChunk', { id: answer.id, chunk: 'On the ' })).toMatchObject({
      length: 7,
    })
    await call('messages.appendChunk', { id: answer.id, chunk: 'ice.' })
    const delta = await client.waitForEvent(
      'messages.delta',
      (data) => data.messageId === answer.id && data.chunk === 'ice.',
    )
    expect(delta.data).toMatchObject({ conversationId: conversation.id, length: 11 })
    const step = await call<{ sequence: number }>('thinking.add', {
      messageId: answer.id,
      stage: 'retrieval',
      progress: 0.5,
    })
    expect(step.sequence).toBe(0)
    expect(await call('thinking.list', { messageId: answer.id })).toMatchObject({
      items: [{ stage: 'retrieval' }],
    })
    expect(await call('thinking.clear', { messageId: answer.id })).toMatchObject({ removed: 1 })
    expect(await call('messages.get', { id: answer.id })).toMatchObject({
      content: 'On the ice.',
      status: 'streaming',
    })
    expect(await call('messages.finish', { id: answer.id, tokenCount: 4 })).toMatchObject({
      status: 'completed',
    })
    const other = await call<{ id: number }>('messages.startStream', { conversationId: conversation.id })
    expect(await call('messages.interrupt', { id: other.id })).toMatchObject({ status: 'interrupted' })
    const broken = await call<{ id: number }>('messages.startStream', { conversationId: conversation.id })
    expect(await call('messages.fail', { id: broken.id, errorMessage: 'provider timed out' })).toMatchObject({
      status: 'failed',
    })
    expect(
      (await call<{ items: unknown[] }>('messages.list', { conversationId: conversation.id })).items,
    ).toHaveLength(4)
    expect(await call('messages.delete', { id: broken.id })).toMatchObject({ deleted: true })

    // Chat without AI configured: the question is kept and the answer says what AI would add.
    expect(await call('chat.status')).toMatchObject({ configured: false, chatModel: null })
    const asked = await call<{ userMessage: { id: number }; assistantMessage: null; notice: string }>(
      'chat.send',
      { conversationId: conversation.id, content: 'Anything new?' },
    )
    expect(asked).toMatchObject({ assistantMessage: null, notice: expect.stringContaining('Settings') })
    const failedAnswer = await call<{ id: number }>('messages.startStream', {
      conversationId: conversation.id,
      parentMessageId: asked.userMessage.id,
    })
    await call('messages.fail', { id: failedAnswer.id, errorMessage: 'provider went away' })
    expect(await call('chat.retry', { messageId: failedAnswer.id })).toMatchObject({
      assistantMessage: null,
    })
    const unanswered = await call<{ id: number }>('messages.startStream', { conversationId: conversation.id })
    expect(await call('chat.interrupt', { messageId: unanswered.id })).toMatchObject({
      status: 'interrupted',
    })

    const hits = await call<{ hits: { kind: string }[] }>('search.query', { query: 'walrus' })
    // The conversation is found by its title too.
    expect(hits.hits.map((hit) => hit.kind).sort()).toEqual(['conversation', 'message', 'todo', 'vault'])
    // With no embedding model, search by meaning answers with the word matches and says why.
    expect(await call('search.meaning', { query: 'walrus' })).toMatchObject({
      hits: [{ match: 'words' }, { match: 'words' }, { match: 'words' }, { match: 'words' }],
      problem: { code: 'NO_MODEL' },
    })
    expect(await call('conversations.list', {})).toMatchObject({ items: [{ id: conversation.id }] })
    expect(await call('conversations.delete', { id: conversation.id })).toMatchObject({ deleted: true })

    await call('monitoring.recordTokenUsage', { model: 'gpt-test', promptTokens: 10, completionTokens: 5 })
    await call('monitoring.recordStageTiming', { stageName: 'chat', durationMs: 120, ok: true })
    await call('monitoring.recordDataStats', { dataType: 'screenshot' })
    expect(await call('monitoring.tokenUsage', { hours: 24 })).toMatchObject({
      rows: [{ model: 'gpt-test', totalTokens: 15 }],
    })
    expect(await call('monitoring.stageTiming', { hours: 24 })).toMatchObject({
      rows: [{ stageName: 'chat', count: 1 }],
    })
    expect(await call('monitoring.dataStats', { hours: 24 })).toMatchObject({
      rows: [{ dataType: 'screenshot', count: 1 }],
    })
    expect(await call('monitoring.trend', { metric: 'tokens', window: { hours: 24 } })).toMatchObject({
      points: [{ value: 15 }],
    })

    expect(await call('settings.set', { key: 'monitoring.retentionDays', value: 3 })).toMatchObject({
      value: 3,
    })
    expect(await call('settings.get', { key: 'monitoring.retentionDays' })).toMatchObject({
      value: 3,
      isDefault: false,
    })
    expect((await call<{ items: unknown[] }>('settings.list')).items.length).toBeGreaterThanOrEqual(2)
    expect(await call('jobs.run', { name: 'monitoring.prune' })).toMatchObject({
      ok: true,
      result: { retentionDays: 3 },
    })
    expect((await call<{ jobs: { name: string }[] }>('jobs.list')).jobs.map((job) => job.name)).toEqual([
      'monitoring.prune',
      'database.optimize',
      'capture.retention',
      'backups.daily',
    ])
    expect(
      (await call<{ items: unknown[] }>('jobs.history', { name: 'monitoring.prune' })).items.length,
    ).toBeGreaterThanOrEqual(2)

    const { backup } = await call<{ backup: { name: string; integrity: string } }>('backups.create')
    expect(backup.integrity).toBe('ok')
    await client.waitForEvent('backups.progress', (data) => data.operation === 'backup')
    expect(await call('backups.list')).toMatchObject({ items: [{ name: backup.name }] })
    const later = await call<{ id: number }>('todos.create', { content: 'made after the backup' })
    expect(await call('backups.restore', { name: backup.name })).toMatchObject({
      restored: { name: backup.name },
    })
    await client.waitForEvent('backups.restored', () => true)
    // The host keeps serving on the restored database, which does not have the later todo.
    expect((await client.request('todos.get', { id: later.id })).error?.data).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await call('system.health')).toMatchObject({
      ok: true,
      schemaVersion: expect.any(Number),
      dataDir,
    })
    await call('system.describe')

    const exportDir = `${dataDir}-export`
    try {
      const exported = await call<{ tables: Record<string, number> }>('transfer.export', { dir: exportDir })
      expect(exported.tables.todos).toBeGreaterThan(0)
      const imported = await call<{ tables: Record<string, { changed: number }> }>('transfer.import', {
        dir: exportDir,
      })
      expect(Object.values(imported.tables).every((table) => table.changed === 0)).toBe(true)
    } finally {
      fs.rmSync(exportDir, { recursive: true, force: true })
    }

    // The browser host has no screen: capture says so, takes nothing and records no ticks.
    expect(await call('capture.status')).toMatchObject({ state: 'unavailable', available: false })
    expect(await call('capture.captureNow')).toMatchObject({ available: false, ticks: [] })
    expect(await call('capture.gaps', { from: 0, to: Date.now() })).toEqual({ gaps: [], truncated: false })
    expect(await call('capture.list', { from: 0, to: Date.now() })).toEqual({ items: [], total: 0 })
    expect(await call('capture.displays')).toEqual({ items: [], all: true })
    expect(await call('capture.storage')).toMatchObject({ days: [], storedBytes: 0 })
    called.add('capture.image')
    expect((await client.request('capture.image', { id: 1 })).error?.data).toMatchObject({
      code: 'NOT_FOUND',
    })

    // No AI configured: status says what AI would add; a key set here is kept for this session only.
    const aiStatus = await call<{ purposes: { chat: { configured: boolean } }; wouldAdd: string[] }>(
      'ai.status',
    )
    expect(aiStatus.purposes.chat.configured).toBe(false)
    expect(aiStatus.wouldAdd.length).toBeGreaterThan(0)
    expect(await call('ai.testConnection')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/provider/),
    })
    expect(await call('ai.setApiKey', { key: 'sk-serve' })).toMatchObject({ set: true, persistent: false })
    expect(await call('ai.clearApiKey')).toMatchObject({ set: false })
    expect(await call('ai.retry', { id: 999 })).toEqual({ id: 999, retried: false })
    expect(await call('ai.processNow')).toEqual({ queued: 0 })

    expect([...called].sort()).toEqual([...METHOD_NAMES].sort())
  })

  it('describes every method with JSON Schemas for its params and result', async () => {
    const description = await client.call<{
      version: string
      methods: {
        name: string
        description: string
        params: Record<string, unknown>
        result: Record<string, unknown>
      }[]
      events: { name: string; data: Record<string, unknown> }[]
    }>('system.describe')
    expect(description.methods.map((method) => method.name).sort()).toEqual([...METHOD_NAMES].sort())
    for (const method of description.methods) {
      expect(method.description.length, method.name).toBeGreaterThan(10)
      // An object, or (settings.set) a union of objects told apart by their key.
      const variants = (method.params.oneOf ?? method.params.anyOf ?? [method.params]) as { type?: string }[]
      expect(
        variants.map((variant) => variant.type),
        method.name,
      ).toEqual(variants.map(() => 'object'))
      expect(method.result, method.name).toHaveProperty('$schema')
    }
    const create = description.methods.find((method) => method.name === 'todos.create')
    expect(create?.params).toMatchObject({
      required: ['content'],
      properties: { urgency: { type: 'integer', maximum: 3 } },
    })
    expect(description.events.map((event) => event.name)).toEqual(
      expect.arrayContaining([
        'messages.delta',
        'messages.updated',
        'activities.created',
        'todos.changed',
        'jobs.ran',
      ]),
    )
  })

  it('answers malformed params of every method with -32602 naming the field, and writes nothing', async () => {
    const before = await client.call<{ databaseBytes: number }>('system.health')
    const counts = async () =>
      Promise.all([
        client.call<{ total: number }>('todos.list', { limit: 1 }),
        client.call<{ total: number }>('vaults.list', { limit: 1 }),
        client.call<{ total: number }>('tips.list', { limit: 1, includeDismissed: true }),
      ]).then((lists) => lists.map((list) => list.total))
    const countsBefore = await counts()
    for (const method of METHOD_NAMES) {
      const reply = await client.request(method, { notAField: 1 })
      expect(reply.error, method).toMatchObject({ code: -32602, data: { code: 'INVALID_INPUT' } })
      const paths = (reply.error?.data?.issues ?? []).map((issue) => issue.path.join('.'))
      // settings.set is a union told apart by its key: the missing key is what it names first.
      expect(paths, method).toContain(method === 'settings.set' ? 'key' : 'notAField')
    }
    expect(await counts()).toEqual(countsBefore)
    expect(
      (await client.call<{ databaseBytes: number }>('system.health')).databaseBytes,
    ).toBeGreaterThanOrEqual(before.databaseBytes)
  })

  it('maps errors to JSON-RPC codes with the stable app code in error.data', async () => {
    expect(await client.sendRaw('{not json')).toMatchObject({ id: null, error: { code: -32700 } })
    expect(
      await client.sendRaw(JSON.stringify({ jsonrpc: '1.0', id: 5, method: 'system.health' })),
    ).toMatchObject({
      id: 5,
      error: { code: -32600 },
    })
    expect(await client.request('todos.explode', {})).toMatchObject({
      error: { code: -32601, data: { code: 'UNKNOWN_METHOD' } },
    })
    const invalid = await client.request('todos.create', { content: 'x', urgency: 9 })
    expect(invalid.error).toMatchObject({
      code: -32602,
      data: { code: 'INVALID_INPUT', issues: [{ path: ['urgency'] }] },
    })
    expect(await client.request('todos.get', { id: 999_999 })).toMatchObject({
      error: { code: -32000, data: { code: 'NOT_FOUND' } },
    })
    const batch = await client.sendRaw(
      JSON.stringify([
        { jsonrpc: '2.0', id: 'a', method: 'system.health' },
        { jsonrpc: '2.0', method: 'tips.create', params: { content: 'a notification gets no reply' } },
        { jsonrpc: '2.0', id: 'b', method: 'todos.get', params: { id: 'x' } },
      ]),
    )
    expect(batch).toEqual([
      expect.objectContaining({ id: 'a', result: expect.objectContaining({ ok: true }) }),
      expect.objectContaining({ id: 'b', error: expect.objectContaining({ code: -32602 }) }),
    ])
  })

  it('pushes core events to connected clients as notifications', async () => {
    const todo = await client.call<{ id: number }>('todos.create', { content: 'watch for this event' })
    const event = await client.waitForEvent(
      'todos.changed',
      (data) =>
        data.id === todo.id && (data.todo as { content?: string } | null)?.content === 'watch for this event',
    )
    expect(event.data).toMatchObject({ action: 'created', todo: { content: 'watch for this event' } })
  })

  it('finishes calls in flight on SIGTERM, closes the database cleanly and exits 0', async () => {
    const writes = Array.from({ length: 50 }, (_, index) =>
      client.call('todos.create', { content: `before shutdown ${index}` }),
    )
    host.child.kill('SIGTERM')
    const results = await Promise.allSettled(writes)
    expect(await host.exited).toBe(0)
    const acknowledged = results.filter((result) => result.status === 'fulfilled').length
    const db = new Database(path.join(dataDir, 'cairn.db'), { readonly: true })
    try {
      const stored = db
        .prepare("SELECT count(*) FROM todos WHERE content LIKE 'before shutdown %'")
        .pluck()
        .get()
      expect(stored).toBeGreaterThanOrEqual(acknowledged)
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
    // A clean close checkpoints and truncates the write-ahead log.
    const wal = path.join(dataDir, 'cairn.db-wal')
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true)
  })
})

describe('npm run serve refusing to start', () => {
  it('refuses a database from a newer Cairn, says why, and leaves the file untouched', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-newer-'))
    try {
      const file = path.join(dataDir, 'cairn.db')
      const db = new Database(file)
      db.exec('CREATE TABLE future (x INTEGER)')
      db.pragma('user_version = 999')
      db.close()
      const before = fs.readFileSync(file)
      const result = await runHostToExit(['--data-dir', dataDir, '--port', '0'])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/newer version of Cairn/)
      expect(fs.readFileSync(file).equals(before)).toBe(true)
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses a data folder that a running host already owns', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-owned-'))
    const first = await startHostProcess(['--data-dir', dataDir, '--port', '0'])
    try {
      const second = await runHostToExit(['--data-dir', dataDir, '--port', '0'])
      expect(second.code).toBe(1)
      expect(second.stdout).toBe('')
      expect(second.stderr).toMatch(/Cairn is already running with the data folder/)
      const client = await RpcClient.connect(first.ready.rpc, first.ready.token)
      expect(await client.call('system.health')).toMatchObject({ ok: true })
      client.close()
    } finally {
      first.child.kill('SIGTERM')
      await first.exited
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('explains a bad --port', async () => {
    const result = await runHostToExit(['--port', 'eighty'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/--port must be a whole number/)
  })
})

describe('npm run serve under a supervisor', () => {
  it('closes cleanly when the process that started it is gone (npm killed, its shell with it)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-orphan-'))
    try {
      // npm runs scripts through `sh -c`, which does not pass a SIGTERM on; this is that shell.
      const shell = spawn(
        'sh',
        ['-c', `"${process.execPath}" "${HOST_ENTRY}" --data-dir "${dataDir}" --port 0; true`],
        {
          cwd: REPO_ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      const ready = await new Promise<{ rpc: string; token: string }>((resolve) =>
        shell.stdout.once('data', (chunk: Buffer) =>
          resolve(JSON.parse(chunk.toString().split('\n')[0] ?? '{}')),
        ),
      )
      const client = await RpcClient.connect(ready.rpc, ready.token)
      await client.call('todos.create', { content: 'written before the supervisor went away' })
      const closed = new Promise((resolve) => client.socket.once('close', resolve))
      shell.kill('SIGKILL')
      await closed
      await expect
        .poll(() => fs.existsSync(path.join(dataDir, 'cairn.db-wal')), { timeout: 5_000 })
        .toBe(false)
      const db = new Database(path.join(dataDir, 'cairn.db'), { readonly: true })
      expect(db.prepare('SELECT count(*) FROM todos').pluck().get()).toBe(1)
      db.close()
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
