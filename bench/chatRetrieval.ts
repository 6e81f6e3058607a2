/**
 * How long chat's retrieval stage takes over a big database: `npx tsx bench/chatRetrieval.ts [docs] [messages]`
 * (defaults 20,000 documents and 100,000 messages). Seeds a temporary data folder through the core's own
 * schema, configures chat against the scripted provider on 127.0.0.1, asks 4 questions 3 times each and reads
 * the retrieval stage's durationMs from message_thinking, as a person's answer records it.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { connectInProcess } from '../src/core/runtime/connection'
import { createCore } from '../src/core/runtime/createCore'
import { createClient } from '../src/shared/client'
import type { Core } from '../src/core/runtime/createCore'
import type { MethodName } from '../src/shared/contract/methods'
import type { MethodParams, MethodResult } from '../src/shared/contract/methods'
import { FakeLlmServer, delta, finish, usageChunk } from '../test/support/fakeLlmServer'

const WORDS = (
  'otter kelp survey walrus migration plan review standup deploy budget invoice design sketch ocean reef ' +
  'coral tide harbor ferry island'
).split(' ')
const text = (seed: number, count: number) =>
  Array.from({ length: count }, (_, k) => WORDS[(seed * 7 + k * 13 + (seed >> k)) % WORDS.length]).join(' ')

const QUESTIONS = [
  'What did the otter survey say about kelp?',
  'When is the walrus migration plan review?',
  'Any notes on coral reef tides and the harbor ferry?',
  'budget invoice design',
]

function seed(dir: string, docs: number, messages: number): void {
  createCore({ dataDir: dir }).close()
  const db = new Database(path.join(dir, 'cairn.db'))
  const now = Date.now()
  db.transaction(() => {
    const vault = db.prepare(
      'INSERT INTO vaults (title, content, created_at, updated_at) VALUES (?, ?, ?, ?)',
    )
    for (let i = 0; i < docs; i += 1)
      vault.run(`Doc ${i} ${text(i, 2)}`, text(i, 60), now - i * 1000, now - i * 1000)
    db.prepare("INSERT INTO conversations (title, created_at, updated_at) VALUES ('seeded', ?, ?)").run(
      now,
      now,
    )
    const message = db.prepare(
      "INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at) VALUES (?, 1, 'user', ?, 'completed', ?, ?)",
    )
    for (let i = 0; i < messages; i += 1) message.run(i + 1, text(i, 25), now - i * 1000, now - i * 1000)
  })()
  db.close()
}

function call<M extends MethodName>(
  core: Core,
  method: M,
  params: MethodParams<M>,
): Promise<MethodResult<M>> {
  return createClient(connectInProcess(core)).call(method, params)
}

async function main(): Promise<void> {
  const docs = Number(process.argv[2] ?? 20_000)
  const messages = Number(process.argv[3] ?? 100_000)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-chat-bench-'))
  const server = await new FakeLlmServer().start()
  seed(dir, docs, messages)
  const core = createCore({ dataDir: dir })
  try {
    await call(core, 'settings.set', { key: 'ai.provider', value: 'custom' })
    await call(core, 'settings.set', { key: 'ai.baseUrl', value: server.baseUrl })
    await call(core, 'settings.set', { key: 'ai.chatModel', value: 'bench-model' })
    const conversation = await call(core, 'conversations.create', { title: 'bench' })
    const times: number[] = []
    for (const question of QUESTIONS) {
      for (let round = 0; round < 3; round += 1) {
        server.script('/chat/completions', { kind: 'sse', events: [delta('ok'), finish(), usageChunk(1, 1)] })
        const sent = await call(core, 'chat.send', { conversationId: conversation.id, content: question })
        const id = sent.assistantMessage?.id ?? 0
        while ((await call(core, 'messages.get', { id })).status === 'streaming')
          await new Promise((resolve) => setTimeout(resolve, 5))
        const steps = (await call(core, 'thinking.list', { messageId: id })).items
        const done = steps.find((step) => step.stage === 'retrieval' && step.metadata.status === 'done')
        times.push(Number(done?.metadata.durationMs ?? NaN))
      }
    }
    times.sort((a, b) => a - b)
    console.log(
      `chat retrieval over ${docs} documents and ${messages} messages: p50 ${times[Math.floor(times.length / 2)]} ms, max ${times.at(-1)} ms (${times.length} questions)`,
    )
  } finally {
    core.close()
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

void main()
