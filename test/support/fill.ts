import { HOUR_MS } from '../../src/core/platform/clock'
import { dataTables } from '../../src/core/backup/verify'
import type { TestCore } from './core'
import { readDatabase } from './core'

/** Rows of every kind, with no reply left streaming (a restart would mark it interrupted, changing its row). */
export function fill(t: TestCore, label: string): void {
  const folder = t.call('vaults.create', { title: `${label} folder`, isFolder: true }).id
  t.call('vaults.create', { title: `${label} doc`, content: `${label} body ünïcødé 🎉`, parentId: folder })
  const activity = t.call('activities.create', {
    title: `${label} activity`,
    startAt: t.clock.now() - HOUR_MS,
    endAt: t.clock.now(),
  }).id
  t.call('todos.create', { content: `${label} todo`, sourceActivityId: activity })
  t.call('tips.create', { content: `${label} tip` })
  const conversation = t.call('conversations.create', { title: `${label} chat` }).id
  const question = t.call('messages.create', { conversationId: conversation, role: 'user', content: label })
  const reply = t.call('messages.startStream', { conversationId: conversation, parentMessageId: question.id })
  t.call('messages.appendChunk', { id: reply.id, chunk: `${label} answer` })
  t.call('thinking.add', { messageId: reply.id, stage: 'retrieval' })
  t.call('messages.finish', { id: reply.id })
  t.call('monitoring.recordTokenUsage', { model: label, promptTokens: 3, completionTokens: 4 })
  t.call('settings.set', { key: 'ui.theme', value: 'dark' })
}

/**
 * Every row of every table; left out: job_runs (each start, and so each restore, records a prune run) and the
 * planner statistics that PRAGMA optimize writes when a connection closes.
 */
export function rows(file: string): string {
  return readDatabase(file, (db) =>
    dataTables(db)
      .filter((table) => table !== 'job_runs')
      .map(
        (table) => `${table}: ${JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY 1`).raw().all())}`,
      )
      .join('\n'),
  )
}
