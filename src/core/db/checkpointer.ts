import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import { Worker } from 'node:worker_threads'
import { isWorkerLogRecord, printWorkerLog } from '../runtime/workerLog'

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
  worker.on('message', (message: unknown) => {
    if (isWorkerLogRecord(message)) printWorkerLog('cairn checkpointer', message)
  })
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

const NO_FRAMES = { total: 0, pending: 0 }

/**
 * Frames in the log not yet copied, read from the wal-index header in the -shm file without a connection:
 * mxFrame at byte 16 of the header, nBackfill right after its two copies (byte 96); both in the machine's
 * byte order. A torn read only makes one tick early or late.
 *
 * The file is read through one descriptor kept open, never opened and closed each tick: closing any descriptor
 * of a file drops every POSIX lock the process holds on it, and SQLite's locks on the -shm are what tell other
 * programs (the sqlite3 shell, a backup tool) that the wal-index is in use. With them gone, such a program takes
 * itself for the first to open the database and rebuilds the wal-index under the running app
 * (test/core/checkpointer.test.ts probes the lock). The descriptor is replaced only when the path names another
 * file (a restore put a new database in place); the old file has no SQLite user left then.
 */
export class WalIndexReader {
  private fd: number | null = null
  private inode = -1
  private readonly header = Buffer.alloc(100)

  constructor(private readonly shmPath: string) {}

  frames(): { total: number; pending: number } {
    let inode: number
    try {
      inode = fs.statSync(this.shmPath).ino
    } catch {
      return NO_FRAMES // no -shm (yet, or the database is closed): nothing to copy
    }
    if (this.fd === null || inode !== this.inode) {
      const previous = this.fd
      try {
        this.fd = fs.openSync(this.shmPath, 'r')
        this.inode = fs.fstatSync(this.fd).ino
      } catch {
        this.fd = previous
        return NO_FRAMES
      }
      if (previous !== null) fs.closeSync(previous)
    }
    try {
      if (fs.readSync(this.fd, this.header, 0, 100, 0) < 100) return NO_FRAMES
    } catch {
      return NO_FRAMES
    }
    const littleEndian = os.endianness() === 'LE'
    const total = littleEndian ? this.header.readUInt32LE(16) : this.header.readUInt32BE(16)
    const backfilled = littleEndian ? this.header.readUInt32LE(96) : this.header.readUInt32BE(96)
    return { total, pending: Math.max(0, total - backfilled) }
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
  const walIndex = new WalIndexReader(`${data.databasePath}-shm`)
  let lastTotal = -1
  let quietTicks = 0
  const tick = (): void => {
    // Paused: the core may be closing or swapping the file; look again once it resumes.
    if (Atomics.load(state, 0) === PAUSED) return
    const { total, pending } = walIndex.frames()
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
