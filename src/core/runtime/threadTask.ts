import { Worker, parentPort } from 'node:worker_threads'
import { AppError } from '../../shared/contract/errors'
import type { AppErrorShape } from '../../shared/contract/errors'
import { lowerThisThreadsPriority } from '../platform/threadPriority'
import { toErrorShape } from './errorMapping'
import { isWorkerLogRecord, printWorkerLog } from './workerLog'

/** A script whose entry serves tasks when its workerData says so (the core worker's own). */
export interface ThreadScript {
  workerPath: string
  execArgv?: string[]
}

/** The workerData that makes the core worker's script serve tasks instead of opening a core. */
export interface TaskThreadData {
  role: 'tasks'
}

export function isTaskThreadData(data: unknown): data is TaskThreadData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'tasks'
}

/** One task: its role picks the handler on the thread, the rest is the handler's input. */
export interface Task {
  role: string
}

interface ToTaskThread {
  id: number
  task: Task
}

type FromTask =
  | { id: number; type: 'step'; step: unknown }
  | { id: number; type: 'done'; result: unknown }
  | { id: number; type: 'failed'; error: AppErrorShape }

/** Long work off the core's thread (a backup, an export), one task after another. */
export interface TaskThread {
  /** Runs one task: its steps as they come, then its one answer; a failure is the AppError it would have thrown. */
  run<Step, Result>(task: Task, name: string, onStep?: (step: Step) => void): Promise<Result>
  /** Ends the thread; tasks still waiting fail. */
  close(): Promise<void>
}

interface Waiting {
  name: string
  onStep?: (step: unknown) => void
  resolve: (result: unknown) => void
  reject: (error: Error) => void
}

/**
 * One thread for the core's life, started at its first task, rather than a thread per task. When a thread ends,
 * V8 hands the pages its heap had pooled to the process's main isolate and frees them there 8 seconds later
 * (PagePool::ReleaseOnTearDown): after an export at a year of data, 463 pages, a 17-62 ms stall of the thread
 * that serves the window, in the middle of whatever it does then (npm run bench:budgets, transfer.import). A
 * thread that stays reuses its pages and frees nothing on another thread. Idle, it does not keep the process
 * alive; if it crashes, the next task starts a new one.
 */
export function startTaskThread(script: ThreadScript): TaskThread {
  const waiting = new Map<number, Waiting>()
  let worker: Worker | null = null
  let nextId = 1

  const failAll = (describe: (name: string) => string): void => {
    for (const call of waiting.values()) call.reject(new Error(describe(call.name)))
    waiting.clear()
  }

  const start = (): Worker => {
    const data: TaskThreadData = { role: 'tasks' }
    const started = new Worker(script.workerPath, {
      workerData: data,
      ...(script.execArgv ? { execArgv: script.execArgv } : {}),
    })
    started.on('message', (message: unknown) => {
      // Tasks run in the order they were sent, so the oldest one waiting is the one running.
      const running = waiting.values().next().value
      // The thread's console lines come this way too (the parent's console takes them to the log file).
      if (isWorkerLogRecord(message)) return printWorkerLog(running?.name ?? 'cairn tasks', message)
      const answer = message as FromTask
      const call = waiting.get(answer.id)
      if (!call) return
      if (answer.type === 'step') return call.onStep?.(answer.step)
      waiting.delete(answer.id)
      if (waiting.size === 0) started.unref()
      if (answer.type === 'done') call.resolve(answer.result)
      else call.reject(new AppError(answer.error.code, answer.error.message, answer.error.issues))
    })
    started.once('error', (error) => {
      if (worker === started) worker = null
      failAll((name) => `The ${name} thread stopped: ${error.message}`)
    })
    started.once('exit', (code) => {
      if (worker === started) worker = null
      failAll((name) => `The ${name} thread stopped (exit code ${code}) before it answered.`)
    })
    return started
  }

  return {
    run<Step, Result>(task: Task, name: string, onStep?: (step: Step) => void): Promise<Result> {
      worker ??= start()
      const target = worker
      const id = nextId++
      return new Promise<Result>((resolve, reject) => {
        waiting.set(id, {
          name,
          ...(onStep ? { onStep: onStep as (step: unknown) => void } : {}),
          resolve: resolve as (result: unknown) => void,
          reject,
        })
        // Held while a task runs, so a process with nothing else to do still waits for its answer.
        target.ref()
        target.postMessage({ id, task } satisfies ToTaskThread)
      })
    },
    async close() {
      const closing = worker
      worker = null
      failAll((name) => `The ${name} thread was closed before it answered.`)
      await closing?.terminate()
    },
  }
}

/** What the thread does with a task of one role: its steps through `report`, then its answer (or a promise of it). */
export type TaskHandler = (task: Task, report: (step: unknown) => void) => unknown

/**
 * The thread's side: lowered in priority once, it runs the tasks it is sent one after another, an asynchronous
 * one to its end before the next begins, reporting steps, then answering each.
 */
export function serveTasks(handlers: Readonly<Record<string, TaskHandler>>): void {
  const port = parentPort
  if (!port) throw new Error('Tasks are served from a worker thread.')
  lowerThisThreadsPriority()
  const post = (message: FromTask): void => port.postMessage(message)
  const runOne = async ({ id, task }: ToTaskThread): Promise<void> => {
    try {
      const handler = Object.hasOwn(handlers, task.role) ? handlers[task.role] : undefined
      if (!handler) throw new Error(`No task is called ${JSON.stringify(task.role)}.`)
      const result: unknown = await handler(task, (step) => post({ id, type: 'step', step }))
      post({ id, type: 'done', result })
    } catch (error) {
      const shape = toErrorShape(error)
      // The caller only hears that the details are in the log: put them there (the console goes to the log file).
      if (shape.code === 'INTERNAL' && !(error instanceof AppError)) {
        console.error(`${task.role} failed:`, error)
      }
      post({ id, type: 'failed', error: shape })
    }
  }
  let queue = Promise.resolve()
  port.on('message', (message: ToTaskThread) => {
    queue = queue.then(() => runOne(message))
  })
}
