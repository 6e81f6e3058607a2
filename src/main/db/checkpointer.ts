import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import { Worker } from 'node:worker_threads'

/**
 * The WAL checkpoint off the writer's thread. With SQLite's automatic checkpoint the commit that crosses 1,000
 * WAL pages copies them into the main file and fsyncs both files before it returns, so one write in a few
 * hundred took 400-770 ms on a slow disk (npm run bench:budgets). The writer turns that off
 * (`wal_autocheckpoint = 0`) and this thread runs PASSIVE checkpoints from its own connection instead: they
 * never take the write lock, so writes go on while pages are copied and synced, and the writer restarts the log
 * from the start (trimming it to journal_size_limit) at its first commit after a complete checkpoint; that
 * commit still syncs the log's new header, one small sync where there were three.
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
  thresholdPages: number
}

export interface CheckpointerOptions {
  /** A script whose entry runs runCheckpointer when its workerData has role 'checkpointer' (the core worker). */
  workerPath: string
  execArgv?: string[]
  /** How often the WAL is looked at (default 200 ms). */
  intervalMs?: number
  /** Frames not yet copied that start a checkpoint (default 1,000, SQLite's own threshold). */
  thresholdPages?: number
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
      thresholdPages: options.thresholdPages ?? 1_000,
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

/**
 * Frames in the log not yet copied, read from the wal-index header in the -shm file without a connection:
 * mxFrame at byte 16 of the header, nBackfill right after its two copies (byte 96); both in the machine's
 * byte order. A torn read only makes one tick early or late.
 */
function walFrames(shmPath: string): { total: number; pending: number } {
  let fd: number
  try {
    fd = fs.openSync(shmPath, 'r')
  } catch {
    return { total: 0, pending: 0 } // no -shm (yet, or the core is closed): nothing to copy
  }
  try {
    const header = Buffer.alloc(100)
    if (fs.readSync(fd, header, 0, 100, 0) < 100) return { total: 0, pending: 0 }
    const littleEndian = os.endianness() === 'LE'
    const total = littleEndian ? header.readUInt32LE(16) : header.readUInt32BE(16)
    const backfilled = littleEndian ? header.readUInt32LE(96) : header.readUInt32BE(96)
    return { total, pending: Math.max(0, total - backfilled) }
  } finally {
    fs.closeSync(fd)
  }
}

/** Ticks without a new frame after which a grown log is copied completely, so the writer can start it over. */
const QUIET_TICKS = 5

/**
 * The thread's loop: a PASSIVE checkpoint once the log holds `thresholdPages` frames not yet copied, or once a
 * log of at least that size has been quiet for a moment (so it is copied completely and the writer starts it
 * over). Not more often: the writer's first commit after a complete checkpoint starts the log over and syncs
 * its new header, so checkpointing every small change would put a sync on many more commits.
 */
export function runCheckpointer(data: CheckpointerData): void {
  const state = new Int32Array(data.state)
  const shmPath = `${data.databasePath}-shm`
  let lastTotal = -1
  let quietTicks = 0
  const tick = (): void => {
    const { total, pending } = walFrames(shmPath)
    quietTicks = total === lastTotal ? quietTicks + 1 : 0
    lastTotal = total
    const due =
      pending >= data.thresholdPages ||
      (pending > 0 && total >= data.thresholdPages && quietTicks >= QUIET_TICKS)
    if (!due) return
    if (Atomics.compareExchange(state, 0, IDLE, BUSY) !== IDLE) return
    try {
      const db = new Database(data.databasePath, { fileMustExist: true })
      try {
        db.pragma('synchronous = NORMAL')
        db.pragma('wal_checkpoint(PASSIVE)')
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
