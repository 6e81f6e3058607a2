import Database from 'better-sqlite3'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../src/core/runtime/createCore'
import { OWNER_LOCK_FILE } from '../../src/core/db/ownerLock'
import { AppError } from '../../src/shared/contract/errors'
import { tempDir } from '../support/tempDir'

const children: ReturnType<typeof spawn>[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

function writeLock(dir: string, pid: number): void {
  fs.writeFileSync(
    path.join(dir, OWNER_LOCK_FILE),
    JSON.stringify({ pid, hostname: os.hostname(), startedAt: 0 }),
  )
}

describe('one process owns the data folder', () => {
  it('refuses a folder that another running Cairn owns, naming it, and touches nothing', () => {
    const dir = tempDir()
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'])
    children.push(other)
    writeLock(dir, other.pid ?? 0)
    let failure: unknown
    try {
      createCore({ dataDir: dir })
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(AppError)
    expect(failure).toMatchObject({ code: 'FAILED_PRECONDITION' })
    expect((failure as Error).message).toMatch(new RegExp(`already running .*process ${other.pid}`))
    expect(fs.readdirSync(dir)).toEqual([OWNER_LOCK_FILE])
  })

  it('takes over a lock left by a process that is gone, and gives it back on close', () => {
    const dir = tempDir()
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)'])
    writeLock(dir, gone.pid ?? 0)
    const core = createCore({ dataDir: dir })
    expect(JSON.parse(fs.readFileSync(path.join(dir, OWNER_LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
    })
    core.close()
    expect(fs.existsSync(path.join(dir, OWNER_LOCK_FILE))).toBe(false)
  })

  it('gives the folder back when the database cannot be opened', () => {
    const dir = tempDir()
    // A database from a newer Cairn is refused (a damaged one would be recovered from a backup instead).
    const newer = new Database(path.join(dir, 'cairn.db'))
    newer.pragma('user_version = 999')
    newer.close()
    expect(() => createCore({ dataDir: dir })).toThrow(AppError)
    expect(fs.existsSync(path.join(dir, OWNER_LOCK_FILE))).toBe(false)
  })
})
