import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startCoreWorker } from '../../src/core/runtime/connection'
import type { CoreEvent } from '../../src/core/runtime/createCore'
import type { WorkerLogRecord } from '../../src/core/runtime/workerLog'
import { MAX_RESTARTS, superviseCore } from '../../src/main/electron/coreSupervisor'
import { tempDir } from '../support/tempDir'

const WORKER = path.resolve(__dirname, '../support/crashingCoreWorker.ts')

async function supervised(dataDir = tempDir()) {
  const told: string[] = []
  const logged: WorkerLogRecord[] = []
  const core = await superviseCore({
    start: (onExit) =>
      startCoreWorker({
        workerPath: WORKER,
        execArgv: ['--import', 'tsx'],
        dataDir,
        validateOutput: true,
        log: (record) => logged.push(record),
        onExit,
      }),
    onRestart: (reason) => told.push(`restarted: ${reason}`),
    onGiveUp: (reason) => told.push(`gave up: ${reason}`),
    now: () => Date.now(),
  })
  onTestFinished(() => core.close())
  return { core, told, logged }
}

const crash = (core: Awaited<ReturnType<typeof supervised>>['core']) =>
  core.call('system.health', { crash: true })

describe('the supervised core', () => {
  it('starts a crashed core again on the same data, tells the person once, and keeps the listeners', async () => {
    const { core, told, logged } = await supervised()
    const events: CoreEvent['name'][] = []
    core.onEvent((event) => events.push(event.name))
    await core.call('todos.create', { content: 'before the crash' })

    await crash(core)
    await expect
      .poll(() => told, { timeout: 15_000 })
      .toEqual([expect.stringMatching(/^restarted: the core (stopped|exited)/)])

    await expect.poll(async () => (await core.call('todos.list', {})).ok, { timeout: 15_000 }).toBe(true)
    expect(await core.call('todos.list', {})).toMatchObject({ ok: true, result: { total: 1 } })
    events.length = 0
    await core.call('todos.create', { content: 'after the crash' })
    await expect.poll(() => events, { timeout: 15_000 }).toContain('todos.changed')
    expect(core.restarts).toBe(1)

    // The new worker's console lines still reach the parent's log over the message channel.
    await core.call('system.health', { say: 'hello from the restarted core' })
    await expect
      .poll(() => logged.map((record) => `${record.level} ${record.text}`), { timeout: 15_000 })
      .toContain('warn hello from the restarted core [4 bytes]')
  })

  it('gives up after too many crashes and answers UNAVAILABLE instead of hanging', async () => {
    const { core, told } = await supervised()
    for (let crashes = 1; crashes <= MAX_RESTARTS + 1; crashes++) {
      await crash(core)
      await expect.poll(() => told.length, { timeout: 15_000 }).toBe(crashes)
    }
    expect(told.at(-1)).toMatch(/^gave up/)
    expect(await core.call('todos.list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
  })
})
