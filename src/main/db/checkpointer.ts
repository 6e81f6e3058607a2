import Database from 'better-sqlite3'
import fs from 'node:fs'
import { Worker } from 'node:worker_threads'

/**
 * The WAL checkpoint off the writer's thread. With SQLite's automatic checkpoint the commit that crosses 1,000
 * WAL pages copies them into the main file and fsyncs both files before it returns, so one write in a few
 * hundred took 400-770 ms on a slow disk (npm run bench:budgets). The writer turns that off
 * (`wal_autocheckpoint = 0`) and this thread runs PASSIVE checkpoints from its own connection instead: they
 * never take the write lock, so writes go on while pages are copied, and the writer restarts the log from the
 * start (trimming it to journal_size_limit) at its first commit after a complete checkpoint.
 *
 * The checkpointer opens its connection only for the length of one checkpoint, so the core can pause it
 * synchronously (a restore swaps the file; quit runs the final FULL checkpoint itself) and know no other
 * connection holds the file.
 */

const IDLE = 0
const BUSY = 1
const PAUSED = 2

export interface CheckpointerData {
  role: 'checkpointer'
  databasePath: string
  /** Int32Array over a SharedArrayBuffer: IDLE, BUSY (checkpointing) or PAUSED. */
  state: SharedArrayBuffer
  intervalMs: number
}

export interface CheckpointerOptions {
  /** A script whose entry runs runCheckpointer when its workerData has role 'checkpointer' (the core worker). */
  workerPath: string
  execArgv?: string[]
  /** How often the WAL is looked at (default 200 ms). */
  intervalMs?: number
}

export interface Checkpointer {
  /** Waits for a checkpoint in progress, then keeps the thread away from the file until resume. */
  pause(): void
  resume(): void
  /** Pauses for good and ends the thread. */
  stop(): void
}

export function isCheckpointerData(data: unknown): data is CheckpointerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'checkpointer'
}

export function startCheckpointer(databasePath: string, options: CheckpointerOptions): Checkpointer {
  const shared = new SharedArrayBuffer(4)
  const state = new Int32Array(shared)
  const worker = new Worker(options.workerPath, {
    workerData: {
      role: 'checkpointer',
      databasePath,
      state: shared,
      intervalMs: options.intervalMs ?? 200,
    } satisfies CheckpointerData,
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  })
  // A checkpointer that fails only costs WAL size; the writer's final FULL checkpoint still runs at quit.
  worker.on('error', (error) => console.error('[cairn checkpointer] stopped:', error))
  worker.unref()
  let stopped = false
  const pause = (): void => {
    for (;;) {
      const seen = Atomics.compareExchange(state, 0, IDLE, PAUSED)
      if (seen !== BUSY) return
      Atomics.wait(state, 0, BUSY, 5_000)
    }
  }
  return {
    pause,
    resume() {
      if (!stopped) Atomics.store(state, 0, IDLE)
    },
    stop() {
      if (stopped) return
      stopped = true
      pause()
      void worker.terminate()
    },
  }
}

interface WalCheckpointRow {
  busy: number
  log: number
  checkpointed: number
}

/** The thread's loop: a PASSIVE checkpoint whenever the WAL changed since the last one. */
export function runCheckpointer(data: CheckpointerData): void {
  const state = new Int32Array(data.state)
  const walPath = `${data.databasePath}-wal`
  let lastSeen = ''
  const tick = (): void => {
    let stat: fs.Stats
    try {
      stat = fs.statSync(walPath)
    } catch {
      return // no WAL (yet, or the core is closed): nothing to copy
    }
    const seen = `${stat.size}:${stat.mtimeMs}`
    if (seen === lastSeen || stat.size === 0) return
    if (Atomics.compareExchange(state, 0, IDLE, BUSY) !== IDLE) return
    try {
      const db = new Database(data.databasePath, { fileMustExist: true })
      try {
        db.pragma('synchronous = NORMAL')
        const [result] = db.pragma('wal_checkpoint(PASSIVE)') as WalCheckpointRow[]
        // A reader's snapshot can hold frames back; then the next tick tries again even without new writes.
        if (result && result.checkpointed >= result.log) lastSeen = seen
      } finally {
        db.close()
      }
    } catch (error) {
      // SQLITE_BUSY (another checkpoint) or a file being replaced: the next tick tries again.
      if (!isTransient(error)) console.error('[cairn checkpointer] checkpoint failed:', error)
    } finally {
      Atomics.compareExchange(state, 0, BUSY, IDLE)
      Atomics.notify(state, 0)
    }
  }
  setInterval(tick, data.intervalMs)
}

function isTransient(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_CANTOPEN'))
}
