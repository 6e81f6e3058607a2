import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startTaskThread } from '../../src/core/runtime/threadTask'
import type { TaskThread } from '../../src/core/runtime/threadTask'
import { AppError } from '../../src/shared/contract/errors'

const SCRIPT = path.resolve(__dirname, '../support/taskThreadScript.ts')
const THREAD_TASK = path.resolve(__dirname, '../../src/core/runtime/threadTask.ts')

function thread(): TaskThread {
  const started = startTaskThread({ workerPath: SCRIPT, execArgv: ['--import', 'tsx'] })
  onTestFinished(() => started.close())
  return started
}

interface Whoami {
  threadId: number
  nice: number
}

describe('the task thread', () => {
  it('runs every task on one thread, started once, lowered in priority on Linux', async () => {
    const tasks = thread()
    const first = await tasks.run<never, Whoami>({ role: 'whoami' }, 'test')
    const second = await tasks.run<never, Whoami>({ role: 'whoami' }, 'test')
    // A thread per task would be torn down after each: V8 then frees its pooled pages on the main thread.
    expect(second.threadId).toBe(first.threadId)
    expect(first.nice).toBe(process.platform === 'linux' ? 10 : 0)
  })

  it('gives each task its own steps, in order, before its answer, when tasks are sent together', async () => {
    const tasks = thread()
    const seen: Record<string, number[]> = { a: [], b: [] }
    const a = tasks.run<number, number>({ role: 'count', steps: 3 } as never, 'a', (step) =>
      seen.a?.push(step),
    )
    const b = tasks.run<number, number>({ role: 'count', steps: 2 } as never, 'b', (step) =>
      seen.b?.push(step),
    )
    expect(await Promise.all([a, b])).toEqual([3, 2])
    expect(seen).toEqual({ a: [1, 2, 3], b: [1, 2] })
  })

  it('runs an asynchronous task to its end before it begins the next', async () => {
    const tasks = thread()
    type Span = { start: number; end: number }
    const slow = tasks.run<never, Span>({ role: 'sleep', ms: 100 } as never, 'slow')
    const quick = tasks.run<never, Span>({ role: 'sleep', ms: 0 } as never, 'quick')
    const [first, second] = await Promise.all([slow, quick])
    expect(second?.start).toBeGreaterThanOrEqual(first?.end ?? Infinity)
  })

  it('answers a failure as the AppError, and the next task still runs', async () => {
    const tasks = thread()
    const refused = await tasks.run({ role: 'refuse' }, 'test').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(AppError)
    expect(refused).toMatchObject({ code: 'FAILED_PRECONDITION', message: 'Not this one.' })
    const unknown = await tasks.run({ role: 'nothing' }, 'test').catch((error: unknown) => error)
    expect(unknown).toMatchObject({ code: 'INTERNAL' })
    expect(await tasks.run({ role: 'count', steps: 1 } as never, 'test')).toBe(1)
  })

  it('fails the task in hand when the thread ends, naming it, and starts a new thread for the next', async () => {
    const tasks = thread()
    const before = await tasks.run<never, Whoami>({ role: 'whoami' }, 'test')
    const crashed = await tasks.run({ role: 'crash' }, 'cairn export').catch((error: unknown) => error)
    expect(String(crashed)).toContain('The cairn export thread stopped (exit code 3) before it answered.')
    const after = await tasks.run<never, Whoami>({ role: 'whoami' }, 'test')
    expect(after.threadId).not.toBe(before.threadId)
  })

  it('fails tasks still waiting when it is closed', async () => {
    const tasks = thread()
    const waiting = tasks.run({ role: 'count', steps: 1 } as never, 'cairn backup check')
    const failed = expect(waiting).rejects.toThrow(
      'The cairn backup check thread was closed before it answered.',
    )
    await tasks.close()
    await failed
  })

  it('does not keep a process alive once its tasks are answered', () => {
    // A process whose last work was a task must end by itself, as a tool or the host does.
    const program = `
      const { startTaskThread } = require(${JSON.stringify(THREAD_TASK)})
      const tasks = startTaskThread({ workerPath: ${JSON.stringify(SCRIPT)}, execArgv: ['--import', 'tsx'] })
      tasks.run({ role: 'count', steps: 2 }, 'test').then((answer) => console.log('answered', answer))`
    const ran = spawnSync(process.execPath, ['--import', 'tsx', '-e', program], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(ran.error).toBeUndefined()
    expect(ran.stdout.trim()).toBe('answered 2')
    expect(ran.status).toBe(0)
  })
})
