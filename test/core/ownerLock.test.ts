import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore } from '../../src/core/runtime/createCore'
import { AppError } from '../../src/shared/contract/errors'
import { tempDir } from '../support/tempDir'

// Kill -9 and restart, a stale pid file and a second live owner: test/host/ownerLock.test.ts.
describe('one process owns the data folder', () => {
  it('gives the folder back when the database cannot be opened', () => {
    const dir = tempDir()
    // A database from a newer Cairn is refused (a damaged one would be recovered from a backup instead).
    const newer = new Database(path.join(dir, 'cairn.db'))
    newer.pragma('user_version = 999')
    newer.close()
    expect(() => createCore({ dataDir: dir })).toThrow(AppError)
    // Refused for the newer version again, not for "already running": the lock was given back.
    expect(() => createCore({ dataDir: dir })).toThrow(/newer/)
    expect(fs.existsSync(path.join(dir, 'cairn.db.lock'))).toBe(false)
  })
})
