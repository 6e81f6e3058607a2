import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../../shared/contract/errors'

export const OWNER_LOCK_FILE = 'cairn.db.lock'

interface LockContent {
  pid: number
  hostname: string
  startedAt: number
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readLock(file: string): LockContent | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockContent>
    return typeof value.pid === 'number' && typeof value.hostname === 'string'
      ? { pid: value.pid, hostname: value.hostname, startedAt: Number(value.startedAt ?? 0) }
      : null
  } catch {
    return null
  }
}

/**
 * Makes this process the one owner of DATA_DIR/cairn.db: the desktop app and `npm run serve` default to the
 * same folder, and two writers in two processes is what the data rules forbid. A lock left by a process that
 * is gone (a crash, a kill) is taken over. Returns the release function.
 */
export function acquireOwnerLock(dataDir: string): () => void {
  const file = path.join(dataDir, OWNER_LOCK_FILE)
  const mine: LockContent = { pid: process.pid, hostname: os.hostname(), startedAt: Date.now() }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' })
      return () => {
        if (readLock(file)?.pid === mine.pid) fs.rmSync(file, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = readLock(file)
    const heldElsewhere =
      holder !== null &&
      holder.pid !== process.pid &&
      holder.hostname === mine.hostname &&
      isAlive(holder.pid)
    if (heldElsewhere) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `Cairn is already running with the data folder ${dataDir} (process ${holder.pid}). Close it first, or use another folder with --data-dir. If no Cairn is running, delete ${file}.`,
      )
    }
    fs.rmSync(file, { force: true })
  }
  throw new AppError(
    'UNAVAILABLE',
    `Could not take ownership of ${dataDir}; another Cairn is starting with it.`,
  )
}
