import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createCore } from '../../src/core/runtime/createCore'
import { DATABASE_FILE } from '../../src/core/db/open'
import { fingerprint, openTestCore } from '../support/core'
import { tempDir } from '../support/tempDir'

/**
 * Makes a file read-only even for root (the tests run as root here, and root ignores permission bits):
 * the immutable flag where chattr works, else the permission bits. Returns false when neither holds.
 */
function makeReadOnly(file: string): boolean {
  const immutable = spawnSync('chattr', ['+i', file]).status === 0
  if (immutable) onTestFinished(() => void spawnSync('chattr', ['-i', file]))
  else fs.chmodSync(file, 0o444)
  try {
    fs.accessSync(file, fs.constants.W_OK)
    return false
  } catch {
    return true
  }
}

function seededDir(): { dir: string; todo: number } {
  const dir = tempDir()
  const t = openTestCore({ dataDir: dir })
  const todo = t.call('todos.create', { content: 'written before the disk went read-only' }).id
  t.call('vaults.create', { title: 'kept note', content: 'still readable' })
  t.close()
  return { dir, todo }
}

describe('errors from the disk', () => {
  it('on a read-only database file: reads work, writes answer UNAVAILABLE in plain words, nothing changes', (ctx) => {
    const { dir, todo } = seededDir()
    const file = path.join(dir, DATABASE_FILE)
    if (!makeReadOnly(file)) {
      console.log('skipped: neither chattr +i nor chmod makes a file read-only for this user')
      ctx.skip()
    }
    const before = fingerprint(file)
    const t = openTestCore({ dataDir: dir })
    expect(t.call('todos.get', { id: todo }).content).toBe('written before the disk went read-only')
    expect(t.call('search.query', { query: 'readable' }).hits).toHaveLength(1)
    expect(t.call('system.health', {})).toMatchObject({ ok: true, readOnly: true })
    for (const [method, params] of [
      ['todos.create', { content: 'x' }],
      ['vaults.update', { id: 1, title: 'renamed' }],
      ['settings.set', { key: 'ui.theme', value: 'dark' }],
    ] as const) {
      const error = t.fail(method, params)
      expect(error, method).toMatchObject({ code: 'UNAVAILABLE' })
      expect(error.message, method).toMatch(/read-only; nothing was saved/)
    }
    t.close()
    expect(fingerprint(file)).toBe(before)
  })

  it('when another program holds the write lock: UNAVAILABLE after the busy timeout, then works again', () => {
    const { dir } = seededDir()
    const core = createCore({ dataDir: dir, busyTimeoutMs: 50 })
    onTestFinished(() => core.close())
    const other = new Database(path.join(dir, DATABASE_FILE))
    other.exec('BEGIN IMMEDIATE')
    const started = Date.now()
    const refused = core.dispatch('todos.create', { content: 'while locked' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(40)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/busy with another program/) },
    })
    // Reads still work beside the other writer (WAL), and once it lets go, writes do too.
    expect(core.dispatch('todos.list', {})).toMatchObject({ ok: true, result: { total: 1 } })
    other.exec('ROLLBACK')
    other.close()
    expect(core.dispatch('todos.create', { content: 'after the lock' })).toMatchObject({ ok: true })
  })

  it('when the disk is full: UNAVAILABLE, nothing half-written, and the next write works once there is room', (ctx) => {
    // A real full disk: a small tmpfs (needs root's mount; elsewhere this test says why it is skipped).
    const mountPoint = tempDir()
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mountPoint]).status !== 0) {
      console.log('skipped: cannot mount a small tmpfs here (needs root) to fill a disk for real')
      ctx.skip()
    }
    onTestFinished(() => void spawnSync('umount', ['-l', mountPoint]))
    const t = openTestCore({ dataDir: mountPoint })
    const conversation = t.call('conversations.create', { title: 'full disk' })
    t.call('messages.create', { conversationId: conversation.id, role: 'user', content: 'before' })
    const file = t.core.databasePath
    const before = fingerprint(file)
    // Fill the disk up to the last few kilobytes.
    const filler = path.join(mountPoint, 'filler')
    const fd = fs.openSync(filler, 'w')
    try {
      for (;;) fs.writeSync(fd, Buffer.alloc(64 * 1024))
    } catch {
      // ENOSPC: full
    } finally {
      fs.closeSync(fd)
    }
    const error = t.fail('messages.create', {
      conversationId: conversation.id,
      role: 'user',
      content: 'y'.repeat(1_000_000),
    })
    expect(error).toMatchObject({ code: 'UNAVAILABLE' })
    expect(error.message).toMatch(/disk is full; nothing was saved/)
    expect(t.call('messages.list', { conversationId: conversation.id }).items).toHaveLength(1)
    fs.rmSync(filler)
    expect(fingerprint(file)).toBe(before)
    expect(
      t.call('messages.create', { conversationId: conversation.id, role: 'user', content: 'after' }),
    ).toMatchObject({ content: 'after' })
    t.close()
  })
})
