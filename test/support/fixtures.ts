import type { MethodName } from '../../src/shared/contract/methods'
import type { MethodParams } from '../../src/shared/contract/methods'
import Database from 'better-sqlite3'
import path from 'node:path'
import { exportSync, makeBackupSync } from './backups'
import type { TestCore } from './core'

/** Ids of one of everything, made through the contract like a user would. */
export interface Seed {
  folder: number
  doc: number
  trashed: number
  activity: number
  todo: number
  tip: number
  conversation: number
  message: number
  streaming: number
  thinking: number
  /** An assistant answer that failed, under `message`. */
  failedAnswer: number
  /** A verified backup of the seeded database. */
  backup: string
  /** A finished export of the seeded database, and a new folder to export to. */
  exportDir: string
  newExportDir: string
  now: number
  /** A stored frame (its image file is absent, as after a crash). */
  capture: number
}

export function seed(t: TestCore): Seed {
  const now = t.clock.now()
  const folder = t.call('vaults.create', { title: 'Seed folder', isFolder: true }).id
  const doc = t.call('vaults.create', { title: 'Seed doc', content: 'seed body', parentId: folder }).id
  const trashed = t.call('vaults.create', { title: 'Seed trashed', content: 'seed old' }).id
  t.call('vaults.trash', { id: trashed })
  const activity = t.call('activities.create', {
    title: 'Seed activity',
    content: 'seed work',
    startAt: now - 3_600_000,
    endAt: now - 60_000,
  }).id
  const todo = t.call('todos.create', {
    content: 'seed todo',
    urgency: 2,
    dueAt: now + 86_400_000,
    sourceActivityId: activity,
  }).id
  const tip = t.call('tips.create', { content: 'seed tip' }).id
  const conversation = t.call('conversations.create', { title: 'Seed chat' }).id
  const message = t.call('messages.create', {
    conversationId: conversation,
    role: 'user',
    content: 'seed question',
  }).id
  const streaming = t.call('messages.startStream', {
    conversationId: conversation,
    parentMessageId: message,
  }).id
  t.call('messages.appendChunk', { id: streaming, chunk: 'seed answer' })
  const thinking = t.call('thinking.add', { messageId: streaming, stage: 'retrieval', progress: 0.5 }).id
  const failedAnswer = t.call('messages.startStream', {
    conversationId: conversation,
    parentMessageId: message,
  }).id
  t.call('messages.fail', { id: failedAnswer, errorMessage: 'seed failure' })
  t.call('monitoring.recordTokenUsage', { model: 'seed-model', promptTokens: 10, completionTokens: 5 })
  t.call('monitoring.recordStageTiming', { stageName: 'seed-stage', durationMs: 40, ok: true })
  t.call('monitoring.recordDataStats', { dataType: 'screenshot' })
  t.call('settings.set', { key: 'monitoring.retentionDays', value: 30 })
  const backup = makeBackupSync(t)
  const exportDir = exportSync(t)
  const newExportDir = path.join(path.dirname(exportDir), 'new-export')
  const capture = seedCapture(t.core.databasePath, now - 30_000)
  return {
    folder,
    doc,
    trashed,
    activity,
    todo,
    tip,
    conversation,
    message,
    streaming,
    thinking,
    failedAnswer,
    backup,
    exportDir,
    newExportDir,
    now,
    capture,
  }
}

/** Frames come from a screen source, which a test core has none of: this one is written straight to the file. */
function seedCapture(databasePath: string, at: number): number {
  const db = new Database(databasePath)
  try {
    return Number(
      db
        .prepare(
          `INSERT INTO captures (captured_at, display_id, path, format, bytes, phash, app_name, window_title)
           VALUES (?, 'display:1', 'captures/seed.jpg', 'jpeg', 1234, '0123456789abcdef', 'Code', 'seed.ts')`,
        )
        .run(at).lastInsertRowid,
    )
  } finally {
    db.close()
  }
}

type Samples = { [M in MethodName]: (s: Seed) => MethodParams<M> }

/**
 * A valid call of every method against a seeded core. The type makes a new method fail to compile until it
 * has a sample here, so the contract-wide tests cover it.
 */
export const validParams: Samples = {
  'vaults.create': (s) => ({ title: 'New note', content: 'text', tags: ['a'], parentId: s.folder }),
  'vaults.get': (s) => ({ id: s.doc }),
  'vaults.list': (s) => ({ parentId: s.folder }),
  'vaults.tree': () => ({}),
  'vaults.update': (s) => ({ id: s.doc, title: 'Renamed', tags: ['b'] }),
  'vaults.move': (s) => ({ id: s.doc, parentId: null, index: 0 }),
  'vaults.trash': (s) => ({ id: s.doc }),
  'vaults.restore': (s) => ({ id: s.trashed }),
  'vaults.delete': (s) => ({ id: s.trashed }),
  'vaults.backlinks': (s) => ({ id: s.doc }),
  'vaults.titles': () => ({ query: 'no', limit: 5 }),
  'vaults.resolve': () => ({ titles: ['Notes', 'Nowhere'] }),
  'todos.create': (s) => ({ content: 'Another todo', urgency: 1, dueAt: s.now + 1000 }),
  'todos.get': (s) => ({ id: s.todo }),
  'todos.list': () => ({ status: 'open', minUrgency: 1 }),
  'todos.update': (s) => ({ id: s.todo, content: 'Changed todo', dueAt: null }),
  'todos.setStatus': (s) => ({ id: s.todo, status: 'done' }),
  'todos.delete': (s) => ({ id: s.todo }),
  'activities.create': (s) => ({ title: 'Coding', startAt: s.now - 1000, endAt: s.now }),
  'activities.get': (s) => ({ id: s.activity }),
  'activities.list': (s) => ({ from: s.now - 86_400_000, to: s.now }),
  'activities.countByDay': (s) => ({ boundaries: [s.now - 86_400_000, s.now, s.now + 86_400_000] }),
  'activities.latest': () => ({}),
  'activities.delete': (s) => ({ id: s.activity }),
  'tips.create': () => ({ content: 'Take a break' }),
  'tips.get': (s) => ({ id: s.tip }),
  'tips.list': () => ({}),
  'tips.dismiss': (s) => ({ id: s.tip }),
  'conversations.create': () => ({ title: 'New chat' }),
  'conversations.get': (s) => ({ id: s.conversation }),
  'conversations.list': () => ({ limit: 10 }),
  'conversations.update': (s) => ({ id: s.conversation, title: 'Renamed chat' }),
  'conversations.delete': (s) => ({ id: s.conversation }),
  'messages.create': (s) => ({ conversationId: s.conversation, role: 'user', content: 'hello' }),
  'messages.get': (s) => ({ id: s.message }),
  'messages.list': (s) => ({ conversationId: s.conversation, limit: 10 }),
  'messages.startStream': (s) => ({ conversationId: s.conversation }),
  'messages.appendChunk': (s) => ({ id: s.streaming, chunk: ' more' }),
  'messages.finish': (s) => ({ id: s.streaming, tokenCount: 3, latencyMs: 120 }),
  'messages.fail': (s) => ({ id: s.streaming, errorMessage: 'provider went away' }),
  'messages.interrupt': (s) => ({ id: s.streaming }),
  'messages.delete': (s) => ({ id: s.message }),
  'thinking.add': (s) => ({ messageId: s.streaming, stage: 'generation', progress: 1 }),
  'thinking.list': (s) => ({ messageId: s.streaming }),
  'thinking.clear': (s) => ({ messageId: s.streaming }),
  'chat.status': () => ({}),
  'chat.send': (s) => ({ conversationId: s.conversation, content: 'What did I note?' }),
  'chat.interrupt': (s) => ({ messageId: s.streaming }),
  'chat.retry': (s) => ({ messageId: s.failedAnswer }),
  'monitoring.recordTokenUsage': () => ({ model: 'gpt', promptTokens: 1, completionTokens: 2 }),
  'monitoring.recordStageTiming': () => ({ stageName: 'ocr', durationMs: 12, ok: false }),
  'monitoring.recordDataStats': () => ({ dataType: 'screenshot', contextType: 'activity', count: 2 }),
  'monitoring.tokenUsage': () => ({ hours: 24 }),
  'monitoring.stageTiming': (s) => ({ from: s.now - 86_400_000, to: s.now + 3_600_000 }),
  'monitoring.dataStats': () => ({ hours: 1 }),
  'monitoring.trend': () => ({ metric: 'tokens', window: { hours: 24 }, intervalHours: 6 }),
  'search.query': () => ({ query: 'seed', limit: 5 }),
  'search.meaning': () => ({ query: 'seed', limit: 5 }),
  'settings.get': () => ({ key: 'ui.theme' }),
  'settings.list': () => ({}),
  'settings.set': () => ({ key: 'ui.theme', value: 'dark' }),
  'jobs.list': () => ({}),
  'jobs.run': () => ({ name: 'monitoring.prune' }),
  'jobs.history': () => ({ name: 'monitoring.prune', limit: 5 }),
  'backups.create': () => ({}),
  'backups.list': () => ({}),
  'backups.restore': (s) => ({ name: s.backup }),
  'transfer.export': (s) => ({ dir: s.newExportDir }),
  'transfer.import': (s) => ({ dir: s.exportDir }),
  'system.describe': () => ({}),
  'system.health': () => ({}),
  'capture.status': () => ({}),
  'capture.captureNow': () => ({}),
  'capture.gaps': (s) => ({ from: s.now - 86_400_000, to: s.now }),
  'capture.displays': () => ({}),
  'capture.storage': () => ({}),
  'capture.list': (s) => ({ from: s.now - 86_400_000, to: s.now, limit: 10 }),
  'capture.image': (s) => ({ id: s.capture }),
  'ai.status': () => ({}),
  'ai.testConnection': () => ({}),
  'ai.setApiKey': () => ({ key: 'sk-sample' }),
  'ai.clearApiKey': () => ({}),
  'ai.retry': () => ({ id: 1 }),
  'ai.processNow': () => ({}),
}
