import path from 'node:path'
import type { MethodName, MethodParams, MethodResult } from '../../src/shared/contract/methods'
import { COMMON_TERM } from '../text'
import type { SeededMore } from './seedMore'
import { DAY_MS } from '../../src/shared/time'

export interface CaseContext {
  now: number
  conversationIds: number[]
  messageCount: number
  more: SeededMore
  exportRoot: string
  /** An untimed call, for what a measured call needs first (a trashed item, a streaming reply). */
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>
  /** State shared between cases (the id of a streaming reply, the folder of an export). */
  state: CaseState
}

export interface CaseState {
  stream?: number
  thinking?: number
  captureIds?: number[]
  export?: string
  encoderStarted?: boolean
}

export interface Case {
  iterations: number
  /** The input of call `i` (unique across phases); may prepare what it needs with untimed calls. */
  params(i: number, ctx: CaseContext): unknown
}

const pick = <T>(items: readonly T[], index: number): T => {
  const item = items[index % items.length]
  if (item === undefined) throw new Error('nothing seeded to pick from')
  return item
}

const streaming = async (ctx: CaseContext, i: number): Promise<number> => {
  const reply = await ctx.call('messages.startStream', { conversationId: pick(ctx.conversationIds, i) })
  return reply.id
}

const READS = 200
const WRITES = 200
const HEAVY = 20

/**
 * A realistic call of every method at scale. Methods without a case here are reported and fail the run,
 * so a new method cannot go unmeasured.
 */
export const CASES: Partial<Record<MethodName, Case>> = {
  'vaults.create': {
    iterations: WRITES,
    params: (i, c) => ({
      title: `note ${i}`,
      content: 'a new note '.repeat(40),
      parentId: pick(c.more.folderIds, i),
    }),
  },
  'vaults.get': { iterations: READS, params: (i, c) => ({ id: pick(c.more.documentIds, i * 37) }) },
  'vaults.list': { iterations: READS, params: (i, c) => ({ parentId: pick(c.more.folderIds, i) }) },
  // What the Vaults screen asks: the top level (500 folders at full scale), or an opened folder's items.
  'vaults.tree': {
    iterations: READS,
    params: (i, c) => ({ parentId: i % 2 === 0 ? null : pick(c.more.folderIds, i) }),
  },
  'vaults.update': {
    iterations: WRITES,
    params: (i, c) => ({ id: pick(c.more.documentIds, i * 11), content: `revised ${i} `.repeat(50) }),
  },
  'vaults.move': {
    iterations: WRITES,
    params: (i, c) => ({
      id: pick(c.more.documentIds, 5_000 + i),
      parentId: pick(c.more.folderIds, i + 1),
      index: 0,
    }),
  },
  // What an open document asks: who links to it, its links' targets, and titles while a [[link]] is typed.
  'vaults.backlinks': { iterations: READS, params: (i, c) => ({ id: pick(c.more.documentIds, i * 13) }) },
  'vaults.titles': { iterations: READS, params: (i) => ({ query: `note ${i % 50}`, limit: 20 }) },
  'vaults.resolve': {
    iterations: READS,
    params: (i) => ({ titles: Array.from({ length: 20 }, (_, k) => `note ${i * 20 + k}`) }),
  },
  'vaults.trash': { iterations: WRITES, params: (i, c) => ({ id: pick(c.more.documentIds, 10_000 + i) }) },
  'vaults.restore': { iterations: WRITES, params: (i, c) => ({ id: pick(c.more.documentIds, 10_000 + i) }) },
  'vaults.delete': {
    iterations: WRITES,
    params: async (i, c) => {
      const id = (await c.call('vaults.create', { title: `to delete ${i}`, content: 'gone soon' })).id
      await c.call('vaults.trash', { id })
      return { id }
    },
  },
  'todos.create': { iterations: WRITES, params: (i) => ({ content: `follow up ${i}`, urgency: i % 4 }) },
  'todos.get': { iterations: READS, params: (i, c) => ({ id: pick(c.more.todoIds, i * 7) }) },
  'todos.list': { iterations: READS, params: () => ({ status: 'open' }) },
  'todos.update': {
    iterations: WRITES,
    params: (i, c) => ({ id: pick(c.more.todoIds, i), content: `changed ${i}` }),
  },
  'todos.setStatus': {
    iterations: WRITES,
    params: (i, c) => ({ id: pick(c.more.todoIds, i), status: i % 2 ? 'open' : 'done' }),
  },
  'todos.delete': {
    iterations: WRITES,
    params: async (i, c) => ({ id: (await c.call('todos.create', { content: `to delete ${i}` })).id }),
  },
  'activities.create': {
    iterations: WRITES,
    params: (i, c) => ({
      title: `activity ${i}`,
      content: 'worked on the plan',
      startAt: c.now - 60_000,
      endAt: c.now,
    }),
  },
  'activities.get': { iterations: READS, params: (i, c) => ({ id: pick(c.more.activityIds, i * 13) }) },
  'activities.list': { iterations: READS, params: (_i, c) => ({ from: c.now - DAY_MS, to: c.now }) },
  'activities.latest': { iterations: READS, params: () => ({}) },
  'activities.delete': {
    iterations: WRITES,
    params: async (i, c) => ({
      id: (
        await c.call('activities.create', { title: `to delete ${i}`, startAt: c.now - 1_000, endAt: c.now })
      ).id,
    }),
  },
  'tips.create': { iterations: WRITES, params: (i) => ({ content: `take a break ${i}` }) },
  'tips.get': { iterations: READS, params: (i, c) => ({ id: pick(c.more.tipIds, i * 7) }) },
  'tips.list': { iterations: READS, params: () => ({}) },
  'tips.dismiss': {
    iterations: WRITES,
    params: async (i, c) => ({ id: (await c.call('tips.create', { content: `tip ${i}` })).id }),
  },
  'conversations.create': { iterations: WRITES, params: (i) => ({ title: `chat ${i}` }) },
  'conversations.get': { iterations: READS, params: (i, c) => ({ id: pick(c.conversationIds, i) }) },
  'conversations.list': { iterations: READS, params: () => ({ limit: 50 }) },
  'conversations.update': {
    iterations: WRITES,
    params: (i, c) => ({ id: pick(c.conversationIds, i), title: `renamed ${i}` }),
  },
  'conversations.delete': {
    // A conversation of 100 messages, made for the purpose: deleting it removes them and their index entries.
    iterations: HEAVY,
    params: async (i, c) => {
      const id = (await c.call('conversations.create', { title: `to delete ${i}` })).id
      for (let index = 0; index < 100; index += 1) {
        await c.call('messages.create', {
          conversationId: id,
          role: 'user',
          content: `message ${index} of ${i}`,
        })
      }
      return { id }
    },
  },
  'messages.create': {
    iterations: WRITES,
    params: (i, c) => ({
      conversationId: pick(c.conversationIds, i),
      role: 'user',
      content: `what about the ${COMMON_TERM} ${i}?`,
    }),
  },
  'messages.get': { iterations: READS, params: (i, c) => ({ id: 1 + ((i * 7_919) % c.messageCount) }) },
  'messages.list': {
    iterations: READS,
    params: (i, c) => ({ conversationId: pick(c.conversationIds, i), limit: 200 }),
  },
  'messages.startStream': {
    iterations: WRITES,
    params: (i, c) => ({ conversationId: pick(c.conversationIds, i) }),
  },
  'messages.appendChunk': {
    iterations: WRITES,
    params: async (i, c) => {
      const id = (c.state.stream ??= await streaming(c, i))
      return { id, chunk: `token ${i} ` }
    },
  },
  'messages.finish': {
    iterations: WRITES,
    params: async (i, c) => ({ id: await streaming(c, i), tokenCount: 40 }),
  },
  'messages.fail': {
    iterations: WRITES,
    params: async (i, c) => ({ id: await streaming(c, i), errorMessage: 'timeout' }),
  },
  'messages.interrupt': { iterations: WRITES, params: async (i, c) => ({ id: await streaming(c, i) }) },
  'messages.delete': {
    iterations: WRITES,
    params: async (i, c) => ({
      id: (
        await c.call('messages.create', {
          conversationId: pick(c.conversationIds, i),
          role: 'user',
          content: `to delete ${i}`,
        })
      ).id,
    }),
  },
  'thinking.add': {
    iterations: WRITES,
    params: async (i, c) => {
      const id = (c.state.thinking ??= await streaming(c, i))
      return { messageId: id, stage: 'retrieval', content: `step ${i}`, progress: 0.5 }
    },
  },
  'thinking.list': {
    iterations: READS,
    params: async (i, c) => {
      const id = c.state.thinking ?? (await streaming(c, i))
      return { messageId: id }
    },
  },
  'thinking.clear': {
    iterations: WRITES,
    params: async (i, c) => {
      const id = await streaming(c, i)
      await c.call('thinking.add', { messageId: id, stage: 'retrieval' })
      return { messageId: id }
    },
  },
  'monitoring.recordTokenUsage': {
    iterations: WRITES,
    params: (i) => ({ model: `model-${i % 5}`, promptTokens: 500 + i, completionTokens: 100 }),
  },
  'monitoring.recordStageTiming': {
    iterations: WRITES,
    params: (i) => ({ stageName: `stage-${i % 5}`, durationMs: 50 + i, ok: i % 10 !== 0 }),
  },
  'monitoring.recordDataStats': {
    iterations: WRITES,
    params: (i) => ({ dataType: `type-${i % 3}`, count: 1 }),
  },
  'monitoring.tokenUsage': { iterations: READS, params: () => ({ hours: 24 * 30 }) },
  'monitoring.stageTiming': { iterations: READS, params: () => ({ hours: 24 * 30 }) },
  'monitoring.dataStats': { iterations: READS, params: () => ({ hours: 24 * 30 }) },
  'monitoring.trend': {
    iterations: 50,
    params: () => ({ metric: 'tokens', window: { hours: 24 * 365 }, intervalHours: 24 }),
  },
  'search.query': { iterations: READS, params: () => ({ query: COMMON_TERM, order: 'newest', limit: 20 }) },
  // Without an embedding model (the bench has no provider): the keyword hits, and the problem saying why.
  'search.meaning': { iterations: READS, params: () => ({ query: COMMON_TERM, limit: 20 }) },
  'settings.get': { iterations: READS, params: () => ({ key: 'ui.theme' }) },
  'settings.list': { iterations: READS, params: () => ({}) },
  'settings.set': {
    iterations: WRITES,
    params: (i) => ({ key: 'ui.theme', value: i % 2 ? 'dark' : 'light' }),
  },
  // Chat without a configured model (the bench has no provider): the question is stored and the notice returned.
  'chat.status': { iterations: READS, params: () => ({}) },
  'chat.send': {
    iterations: WRITES,
    params: (i, c) => ({
      conversationId: pick(c.conversationIds, i),
      content: `what did I do about otters ${i}`,
    }),
  },
  'chat.interrupt': { iterations: WRITES, params: async (i, c) => ({ messageId: await streaming(c, i) }) },
  'chat.retry': {
    iterations: WRITES,
    params: async (i, c) => {
      const conversationId = pick(c.conversationIds, i)
      const question = await c.call('messages.create', {
        conversationId,
        role: 'user',
        content: `again ${i}`,
      })
      const answer = await c.call('messages.startStream', { conversationId, parentMessageId: question.id })
      await c.call('messages.interrupt', { id: answer.id })
      return { messageId: answer.id }
    },
  },
  // Capture against the bench's screen (bench/budgets/benchScreen.ts): a new 1280x800 JPEG every time.
  'capture.status': { iterations: READS, params: () => ({}) },
  'capture.captureNow': {
    iterations: HEAVY,
    // The first capture of a run starts the encoder thread and loads sharp (about 0.5 s, once after launch):
    // one untimed capture first, so the figures are those of the captures after it.
    params: async (_i, c) => {
      if (c.state.encoderStarted !== true) {
        await c.call('capture.captureNow', {})
        c.state.encoderStarted = true
      }
      return {}
    },
  },
  'capture.storage': { iterations: READS, params: () => ({}) },
  'capture.displays': { iterations: READS, params: () => ({}) },
  'capture.gaps': { iterations: READS, params: (_i, c) => ({ from: c.now - DAY_MS, to: c.now + DAY_MS }) },
  'capture.list': { iterations: READS, params: (_i, c) => ({ from: c.now - DAY_MS, to: c.now + DAY_MS }) },
  'capture.image': {
    iterations: READS,
    params: async (i, c) => {
      const ids = c.state.captureIds ?? []
      if (ids.length === 0) {
        const listed = await c.call('capture.list', { from: c.now - DAY_MS, to: c.now + DAY_MS })
        ids.push(...listed.items.map((item) => item.id))
        if (ids.length === 0) {
          const taken = await c.call('capture.captureNow', {})
          ids.push(...taken.ticks.flatMap((tick) => tick.captureId ?? []))
        }
        c.state.captureIds = ids
      }
      return { id: pick(ids, i) }
    },
  },
  // AI without a provider: status, the connection test's answer, the key kept for the session, the queue.
  'ai.status': { iterations: READS, params: () => ({}) },
  'ai.testConnection': { iterations: HEAVY, params: () => ({}) },
  'ai.setApiKey': { iterations: HEAVY, params: (i) => ({ key: `sk-bench-${i}` }) },
  'ai.clearApiKey': { iterations: HEAVY, params: () => ({}) },
  'ai.retry': { iterations: HEAVY, params: (i) => ({ id: i + 1 }) },
  'ai.processNow': { iterations: HEAVY, params: () => ({}) },
  'jobs.list': { iterations: READS, params: () => ({}) },
  'jobs.run': { iterations: HEAVY, params: () => ({ name: 'monitoring.prune' }) },
  'jobs.history': { iterations: READS, params: () => ({ name: 'monitoring.prune' }) },
  'backups.create': { iterations: 1, params: () => ({}) },
  'backups.list': { iterations: READS, params: () => ({}) },
  'backups.restore': {
    iterations: 1,
    params: async (_i, c) => {
      const list = await c.call('backups.list', {})
      return { name: list.items[0]?.name }
    },
  },
  'transfer.export': {
    iterations: 1,
    params: (i, c) => {
      const dir = path.join(c.exportRoot, `export-${i}`)
      c.state.export = dir
      return { dir }
    },
  },
  'transfer.import': { iterations: 1, params: (_i, c) => ({ dir: c.state.export }) },
  'system.describe': { iterations: HEAVY, params: () => ({}) },
  'system.health': { iterations: READS, params: () => ({}) },
}

/** Long operations last, in this order: the copy, the export, then what replaces or rewrites the data. */
export const LAST: readonly MethodName[] = [
  'backups.create',
  'backups.list',
  'transfer.export',
  'transfer.import',
  'backups.restore',
]

export function extraCases(names: readonly string[]): Record<string, Case> {
  const extra: Record<string, Case> = {}
  // A heatmap of the last year, if the contract has one (added by the timeline screen).
  if (names.includes('activities.countByDay')) {
    extra['activities.countByDay'] = {
      iterations: READS,
      params: (_i, c) => ({
        boundaries: Array.from({ length: 366 }, (_unused, day) => c.now - (365 - day) * DAY_MS),
      }),
    }
  }
  return extra
}
