import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { localDayKey, localDayStart } from '../../src/core/ai/planner'
import { reportTitle } from '../../src/core/ai/processors/dailyReport'
import type { AiStatus } from '../../src/shared/contract/domains/ai'
import { openTestCore } from '../support/core'
import type { TestCore } from '../support/core'
import { FakeClock } from '../support/fakeClock'
import { FakeLlmServer } from '../support/fakeLlmServer'
import { insertFrames } from './captures'
import { ScriptedProvider } from './scriptedProvider'
import { FAST_AI } from './support'

const MINUTE = 60_000
const T0 = Date.UTC(2025, 0, 15, 12, 0)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Lets the core's runner work until nothing is queued or running; work waiting for a later time (a retry's
 * back-off) gets there by moving the fake clock a minute at a time.
 */
async function settle(t: TestCore): Promise<AiStatus> {
  const deadline = Date.now() + 25_000
  while (Date.now() < deadline) {
    await sleep(10)
    const status = await t.callAsync('ai.status', {})
    if (status.queue.running > 0) continue
    if (status.queue.queued > 0) {
      t.clock.advance(MINUTE)
      continue
    }
    if (t.call('ai.processNow', {}).queued === 0) return await t.callAsync('ai.status', {})
  }
  throw new Error(`AI work did not settle: ${JSON.stringify(await t.callAsync('ai.status', {}))}`)
}

function configure(t: TestCore, baseUrl: string): void {
  t.call('settings.set', { key: 'ai.provider', value: 'custom' })
  t.call('settings.set', { key: 'ai.baseUrl', value: baseUrl })
  t.call('settings.set', { key: 'ai.chatModel', value: 'chat-model' })
  t.call('settings.set', { key: 'ai.visionModel', value: 'vision-model' })
}

const sumStage = (t: TestCore, stage: string) =>
  t
    .call('monitoring.stageTiming', { hours: 24 * 30 })
    .rows.filter((row) => row.stageName === stage)
    .reduce((sum, row) => ({ ok: sum.ok + row.successCount, errors: sum.errors + row.errorCount }), {
      ok: 0,
      errors: 0,
    })

const sumData = (t: TestCore, dataType: string) =>
  t
    .call('monitoring.dataStats', { hours: 24 * 30 })
    .rows.filter((row) => row.dataType === dataType)
    .reduce((sum, row) => sum + row.count, 0)

describe('the AI pipeline against a scripted provider', () => {
  let server: FakeLlmServer
  beforeEach(async () => {
    server = await new FakeLlmServer().start()
  })
  afterEach(() => server.stop())

  it('turns frames into activities, todos, tips and one daily report, each once, through faults; monitoring holds the sums', async () => {
    const provider = new ScriptedProvider(server)
    // Every kind of fault on the way: rate limited with Retry-After, a 500, a slow answer, a broken body
    // and an answer that is not the JSON asked for.
    provider.fail(
      'vision',
      {
        kind: 'json',
        status: 429,
        headers: { 'Retry-After': '0' },
        body: { error: { message: 'slow down' } },
      },
      { kind: 'json', status: 500, body: { error: { message: 'boom' } } },
      { kind: 'raw', text: '{"choices": [' },
    )
    provider.fail('activity', {
      kind: 'json',
      delayMs: 300,
      body: { model: 'chat-model', choices: [{ message: { content: 'no JSON here, sorry' } }] },
    })
    const t = openTestCore({ clock: new FakeClock(T0 + 50 * MINUTE), core: { aiTuning: FAST_AI } })
    t.call('todos.create', { content: 'book the dentist' })
    insertFrames(t.dataDir, [T0 + MINUTE, T0 + 5 * MINUTE, T0 + 12 * MINUTE, T0 + 31 * MINUTE])

    const before = await t.callAsync('ai.status', {})
    expect(before.purposes.vision.configured).toBe(false)
    expect(before.wouldAdd).toHaveLength(3)
    expect(before.undescribedFrames).toBe(4)
    expect(before.queue.queued).toBe(0)

    configure(t, server.baseUrl)
    const status = await settle(t)
    expect(status.queue).toMatchObject({ queued: 0, running: 0, failed: 0 })
    expect(status.undescribedFrames).toBe(0)
    expect(status.wouldAdd).toEqual([expect.stringMatching(/embedding/)])
    // The malformed answers were retried by the queue and their errors shown meanwhile.
    expect(status.lastError?.message).toMatch(/JSON|malformed/)

    const activities = t.call('activities.list', { from: T0, to: T0 + 60 * MINUTE }).items
    expect(activities.map((activity) => [activity.title, activity.startAt])).toEqual([
      ['Worked on the quarterly report', T0 + MINUTE],
      ['Worked on the quarterly report', T0 + 31 * MINUTE],
    ])
    expect(activities[0]?.resources.screenshots).toHaveLength(3)
    // The model proposed the same two todos for both activities; "Book the dentist" was already open.
    const todos = t.call('todos.list', { status: 'open' }).items.map((todo) => todo.content)
    expect(todos.sort()).toEqual(['Send the quarterly report to Anna', 'book the dentist'])

    // The tips window 12:00-13:00 closes at 13:00; the day's report comes after midnight.
    t.clock.advance(15 * MINUTE)
    await settle(t)
    expect(t.call('tips.list', {}).items.map((tip) => tip.content)).toEqual([
      'Take a short break every hour.',
    ])
    t.clock.advance(localDayStart(T0, -1) + MINUTE - t.clock.now())
    await settle(t)
    t.clock.advance(24 * 60 * MINUTE)
    expect((await settle(t)).queue.failed).toBe(0)
    const reports = t.call('vaults.list', { documentType: 'daily_report' }).items
    expect(reports.map((report) => report.title)).toEqual([reportTitle(localDayKey(localDayStart(T0)))])
    expect(t.call('vaults.get', { id: reports[0]?.id ?? 0 }).content).toMatch(/What you did/)

    // Asking again changes nothing: every key (frame, window, day) is queued once.
    expect(t.call('ai.processNow', {}).queued).toBe(0)
    expect(t.call('activities.list', { from: 0, to: T0 * 2 }).total).toBe(2)
    expect(t.call('tips.list', {}).total).toBe(1)

    expect(provider.calls).toMatchObject({ vision: 4 + 3, activity: 2 + 1, todos: 2, tips: 1, report: 1 })
    const tokens = new Map<string, { prompt: number; completion: number; requests: number }>()
    for (const row of t.call('monitoring.tokenUsage', { hours: 24 * 30 }).rows) {
      const entry = tokens.get(row.model) ?? { prompt: 0, completion: 0, requests: 0 }
      tokens.set(row.model, {
        prompt: entry.prompt + row.promptTokens,
        completion: entry.completion + row.completionTokens,
        requests: entry.requests + row.requestCount,
      })
    }
    expect(tokens).toEqual(provider.tokens)
    expect(provider.tokens.get('vision-model')?.requests).toBe(4)
    expect(sumStage(t, 'vision')).toEqual({ ok: 4, errors: 1 })
    expect(sumStage(t, 'summarize')).toEqual({ ok: 2, errors: 1 })
    expect(sumStage(t, 'todos')).toEqual({ ok: 2, errors: 0 })
    expect(sumStage(t, 'tips')).toEqual({ ok: 1, errors: 0 })
    expect(sumStage(t, 'report')).toEqual({ ok: 1, errors: 0 })
    expect([
      sumData(t, 'activities'),
      sumData(t, 'todos'),
      sumData(t, 'tips'),
      sumData(t, 'daily_reports'),
    ]).toEqual([2, 1, 1, 1])
  })

  it('pauses at the daily token budget with the message in ai.status, keeps the work, and resumes when raised', async () => {
    new ScriptedProvider(server)
    const t = openTestCore({ clock: new FakeClock(T0 + 40 * MINUTE), core: { aiTuning: FAST_AI } })
    insertFrames(t.dataDir, [T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE])
    configure(t, server.baseUrl)
    t.call('settings.set', { key: 'ai.dailyTokenBudget', value: 50 })
    t.call('ai.processNow', {})
    let status = await t.callAsync('ai.status', {})
    for (let round = 0; round < 200 && !status.budget.exhausted; round += 1) {
      await sleep(10)
      status = await t.callAsync('ai.status', {})
    }
    await sleep(50)
    status = await t.callAsync('ai.status', {})
    expect(status.budget).toMatchObject({ limit: 50, usedToday: 56, exhausted: true })
    expect(status.budget.message).toMatch(/today's token budget of 50 tokens is used up/)
    expect(status.queue).toMatchObject({ queued: 1, failed: 0 })
    expect(status.problems).toEqual([
      expect.objectContaining({
        kind: 'vision',
        attempts: 0,
        lastError: status.budget.message,
        note: status.budget.note,
      }),
    ])
    expect(t.call('activities.list', { from: 0, to: T0 * 2 }).total).toBe(0)

    t.call('settings.set', { key: 'ai.dailyTokenBudget', value: 0 })
    status = await settle(t)
    expect(status.budget.message).toBeNull()
    expect(t.call('activities.list', { from: 0, to: T0 * 2 }).total).toBe(1)
  })

  it('describes at most one frame per screen per vision period; the others still feed the summary', async () => {
    const provider = new ScriptedProvider(server)
    const t = openTestCore({ clock: new FakeClock(T0 + 40 * MINUTE), core: { aiTuning: FAST_AI } })
    // Three frames in the same minute, then one in the next: two described, two sampled out.
    insertFrames(t.dataDir, [
      T0 + MINUTE,
      T0 + MINUTE + 15_000,
      T0 + MINUTE + 45_000,
      T0 + 2 * MINUTE + 5_000,
    ])
    configure(t, server.baseUrl)
    const status = await settle(t)
    expect(status.undescribedFrames).toBe(0)
    expect(provider.calls.vision).toBe(2)
    const [activity] = t.call('activities.list', { from: T0, to: T0 + 15 * MINUTE }).items
    expect(activity).toMatchObject({ startAt: T0 + MINUTE, endAt: T0 + 2 * MINUTE + 5_000 })
    expect(activity?.resources.screenshots).toHaveLength(4)
    const summaryRequest = server.requests.find((request) =>
      JSON.stringify(request.body).includes('Task: summarise activity'),
    )
    // Every frame is a line of the summary's input; described ones carry what the vision model saw.
    const lines = JSON.stringify(summaryRequest?.body).match(/Editor — report\.md/g) ?? []
    expect(lines).toHaveLength(4)
    expect(JSON.stringify(summaryRequest?.body).match(/Writing the quarterly report/g)).toHaveLength(2)
  })

  it('puts what the person wrote down during the window (quick capture, notes, todos) into its summary', async () => {
    new ScriptedProvider(server)
    const t = openTestCore({ clock: new FakeClock(T0 + 2 * MINUTE), core: { aiTuning: FAST_AI } })
    insertFrames(t.dataDir, [T0 + MINUTE, T0 + 4 * MINUTE])
    t.call('vaults.create', { title: 'Call Anna about the Q3 numbers', content: 'before Friday' })
    t.call('todos.create', { content: 'Fix the totals in table 2' })
    t.clock.advance(20 * MINUTE)
    t.call('vaults.create', { title: 'Written after the window', content: '' })
    t.clock.advance(20 * MINUTE)
    configure(t, server.baseUrl)
    await settle(t)
    const summaryRequest = JSON.stringify(
      server.requests.find((request) => JSON.stringify(request.body).includes('Task: summarise activity'))
        ?.body,
    )
    expect(summaryRequest).toContain('The person wrote a note: Call Anna about the Q3 numbers')
    expect(summaryRequest).toContain('The person added a todo: Fix the totals in table 2')
    expect(summaryRequest).not.toContain('Written after the window')
  })

  it('summarises from app and window titles when the vision model is removed with frames still waiting', async () => {
    const provider = new ScriptedProvider(server)
    // The vision provider is down: its items wait in back-off.
    provider.fail(
      'vision',
      ...Array.from({ length: 30 }, () => ({ kind: 'json' as const, status: 500, body: {} })),
    )
    const t = openTestCore({
      clock: new FakeClock(T0 + 20 * MINUTE),
      core: { aiTuning: { ...FAST_AI, maxRetries: 0 } },
    })
    insertFrames(t.dataDir, [T0 + MINUTE, T0 + 3 * MINUTE])
    configure(t, server.baseUrl)
    t.call('ai.processNow', {})
    await expect.poll(() => provider.calls.vision, { timeout: 8_000 }).toBeGreaterThanOrEqual(2)
    t.call('settings.set', { key: 'ai.visionModel', value: '' })
    for (
      let round = 0;
      round < 200 && t.call('activities.list', { from: 0, to: T0 * 2 }).total === 0;
      round += 1
    ) {
      t.clock.advance(MINUTE)
      t.call('ai.processNow', {})
      await sleep(20)
    }
    expect(t.call('activities.list', { from: 0, to: T0 * 2 }).items).toEqual([
      expect.objectContaining({ title: 'Worked on the quarterly report', startAt: T0 + MINUTE }),
    ])
    const status = await t.callAsync('ai.status', {})
    expect(status.running).not.toContain('vision')
    // The frames' work is not lost: it waits, visibly, for a vision model.
    expect(status.problems.filter((problem) => problem.kind === 'vision')).toHaveLength(2)
    expect(status.problems[0]?.lastError).toMatch(/Waiting for AI to be configured: No vision model is set\./)
    // The same by code, for a window to say in its language.
    expect(status.problems[0]?.note).toEqual({
      code: 'workWaitingForAi',
      params: {},
      reason: { code: 'aiNoVisionModel', params: {} },
    })
  })

  it('waits for a new API key when the provider refuses the key, without spending attempts, then resumes', async () => {
    const provider = new ScriptedProvider(server)
    provider.fail('vision', {
      kind: 'json',
      status: 401,
      body: { error: { message: 'Incorrect API key provided' } },
    })
    const t = openTestCore({ clock: new FakeClock(T0 + 40 * MINUTE), core: { aiTuning: FAST_AI } })
    insertFrames(t.dataDir, [T0 + MINUTE])
    configure(t, server.baseUrl)
    t.call('ai.processNow', {})
    await expect
      .poll(async () => (await t.callAsync('ai.status', {})).problems, { timeout: 8_000 })
      .toEqual([
        expect.objectContaining({
          kind: 'vision',
          attempts: 0,
          lastError: expect.stringMatching(/Waiting for a working API key: .*HTTP 401.*Incorrect API key/),
          note: {
            code: 'workWaitingForKey',
            params: {},
            reason: {
              code: 'llmRefusedCredentials',
              params: { status: 401, detail: 'Incorrect API key provided' },
            },
          },
        }),
      ])
    // Asking again with the same key cannot help: the item waits instead of burning its attempts.
    t.clock.advance(MINUTE)
    t.call('ai.processNow', {})
    await sleep(100)
    expect(provider.calls.vision).toBe(1)
    expect((await t.callAsync('ai.status', {})).queue.failed).toBe(0)

    await t.callAsync('ai.setApiKey', { key: 'sk-a-working-key' })
    const status = await settle(t)
    expect(status.queue.failed).toBe(0)
    expect(status.undescribedFrames).toBe(0)
    expect(t.call('activities.list', { from: 0, to: T0 * 2 }).total).toBe(1)
  })

  it('with no AI configured queues nothing and says what AI would add', async () => {
    const t = openTestCore({ clock: new FakeClock(T0 + 40 * MINUTE) })
    insertFrames(t.dataDir, [T0 + MINUTE])
    expect(t.call('ai.processNow', {})).toEqual({ queued: 0 })
    const status = await t.callAsync('ai.status', {})
    expect(status.queue).toEqual({ queued: 0, running: 0, done: 0, failed: 0 })
    expect(status.running).toEqual([])
    expect(status.undescribedFrames).toBe(1)
    expect(status.wouldAdd.join(' ')).toMatch(/daily report/)
    expect(status.purposes.chat.reason).toBe('No AI provider is chosen.')
    expect(await t.callAsync('ai.testConnection', {})).toMatchObject({ ok: false })
  })
})
