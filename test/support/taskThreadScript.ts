/**
 * A task thread's script for test/core/taskThread.test.ts: the real serveTasks with handlers that say which
 * thread ran them, report steps, fail or end the thread.
 */
import fs from 'node:fs'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { threadId } from 'node:worker_threads'
import { serveTasks } from '../../src/core/runtime/threadTask'
import type { Task } from '../../src/core/runtime/threadTask'
import { AppError } from '../../src/shared/contract/errors'

const steps = (task: Task): number => (task as Task & { steps?: number }).steps ?? 0

serveTasks({
  whoami: () => {
    // The nice value of this thread alone (Linux keeps one per thread; elsewhere nothing is lowered).
    const ownId =
      process.platform === 'linux' ? Number(fs.readlinkSync('/proc/thread-self').split('/').pop()) : 0
    return { threadId, nice: ownId ? os.getPriority(ownId) : 0 }
  },
  count: (task, report) => {
    for (let step = 1; step <= steps(task); step += 1) report(step)
    return steps(task)
  },
  refuse: () => {
    throw new AppError('FAILED_PRECONDITION', 'Not this one.')
  },
  crash: () => process.exit(3),
  sleep: async (task) => {
    const start = performance.now()
    await new Promise((resolve) => setTimeout(resolve, (task as Task & { ms?: number }).ms ?? 0))
    return { start, end: performance.now() }
  },
})
