import Database from 'better-sqlite3'
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import { describe, expect, it, vi } from 'vitest'
import { startCheckpointer } from '../../src/core/db/checkpointer'
import { openTestCore } from '../support/core'
import type { TestCore } from '../support/core'

const WORKER = path.resolve(__dirname, '../../src/core/runtime/worker.ts')
const checkpointer = { workerPath: WORKER, execArgv: ['--import', 'tsx'], intervalMs: 10 }

const KB = 'k'.repeat(1_000)

function writeMessages(t: TestCore, conversationId: number, count: number, label: string): void {
  for (let index = 0; index < count; index += 1) {
    t.call('messages.create', { conversationId, role: 'user', content: `${label} ${index} ${KB.repeat(4)}` })
  }
}

/** Waits (without a deadline of its own: vitest's test timeout is the limit) until the condition holds. */
async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20))
}

const size = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).size : 0)

/**
 * What another program sees of the -shm file: whether it could take the exclusive lock on SQLite's "dead man
 * switch" byte (offset 128 in the unix VFS), which every process using the wal-index holds shared. A program
 * that gets it takes itself for the only user and rebuilds the wal-index. Node has no fcntl, so a Python
 * one-liner (another process, as it must be: POSIX locks are per process) asks.
 */
function anotherProgramCouldResetTheWalIndex(shmPath: string): boolean {
  const probe = [
    'import fcntl, os, sys',
    'fd = os.open(sys.argv[1], os.O_RDWR)',
    'try:',
    '    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)',
    '    print("granted")',
    'except OSError:',
    '    print("refused")',
  ].join('\n')
  return execFileSync('python3', ['-c', probe, shmPath]).toString().trim() === 'granted'
}

const PYTHON = spawnSync('python3', ['--version']).status === 0
if (!PYTHON)
  console.warn('[checkpointer.test] python3 is missing: the -shm lock probe is skipped (.ci/run installs it)')

describe('WAL checkpoints on their own thread', () => {
  it('copies committed writes into the main file while the writer never checkpoints', async () => {
    const t = openTestCore({ core: { checkpointer } })
    const { id } = t.call('conversations.create', { title: 'checkpoints' })
    const file = t.core.databasePath
    const before = size(file)
    // About 8 MB: far below the writer's own safety-net threshold (40 MB), so only the thread can copy it.
    writeMessages(t, id, 2_000, 'early')
    await eventually(() => size(file) > before + 6_000_000)
    // Every row is readable from the main file by a fresh connection once the thread has copied it.
    t.close()
    const db = new Database(file, { readonly: true })
    try {
      expect(db.prepare("SELECT count(*) FROM messages WHERE content LIKE 'early %'").pluck().get()).toBe(
        2_000,
      )
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
    // Quit ran the FULL checkpoint: nothing is left in a log.
    expect(size(`${file}-wal`)).toBe(0)
  })

  it('keeps the log bounded under a long run of writes', async () => {
    const t = openTestCore({ core: { checkpointer } })
    const { id } = t.call('conversations.create', { title: 'bounded' })
    const file = t.core.databasePath
    const wal = `${file}-wal`
    // The thread has started once it has copied something (it waits for 1,000 log pages, about 80 messages).
    const before = size(file)
    writeMessages(t, id, 300, 'first')
    await eventually(() => size(file) > before)
    // About 30,000 log pages (120 MB) in slices with a pause between them, as real use has: the writer starts
    // the log over each time the thread has copied all of it. Without the thread the log would reach the
    // writer's own safety net (10,000 pages, 41 MB) before anything was copied.
    for (let slice = 0; slice < 24; slice += 1) {
      writeMessages(t, id, 100, `slice ${slice}`)
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    expect(size(wal)).toBeLessThan(30_000_000)
    expect(t.call('messages.list', { conversationId: id, limit: 10 }).items).toHaveLength(10)
  })

  it('steps aside for a restore, which swaps the file, and goes on afterwards', async () => {
    const t = openTestCore({ core: { checkpointer } })
    const { id } = t.call('conversations.create', { title: 'restore' })
    writeMessages(t, id, 200, 'kept')
    const { backup } = await t.callAsync('backups.create', {})
    writeMessages(t, id, 1_500, 'lost')
    t.call('backups.restore', { name: backup.name })
    expect(t.call('messages.list', { conversationId: id, limit: 500 }).items).toHaveLength(200)
    const file = t.core.databasePath
    const before = size(file)
    writeMessages(t, id, 1_500, 'after')
    await eventually(() => size(file) > before + 4_000_000)
    t.close()
    const db = new Database(file, { readonly: true })
    try {
      expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(1_700)
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
  })
  it.skipIf(!PYTHON)(
    "never drops this process's locks on the -shm file while it watches the log",
    async () => {
      const t = openTestCore({ core: { checkpointer } })
      const { id } = t.call('conversations.create', { title: 'locks' })
      const shm = `${t.core.databasePath}-shm`
      expect(anotherProgramCouldResetTheWalIndex(shm)).toBe(false)
      // Many ticks of the thread (every 10 ms here), and a checkpoint or two.
      writeMessages(t, id, 1_200, 'watched')
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(anotherProgramCouldResetTheWalIndex(shm)).toBe(false)
      expect(t.call('messages.list', { conversationId: id, limit: 5 }).items).toHaveLength(5)
    },
  )
})

describe('the checkpointer thread’s console', () => {
  it('reaches the parent’s log, not only the terminal: a checkpoint that fails is reported there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-checkpointer-log-'))
    const file = path.join(dir, 'cairn.db')
    // Not a database, with a wal-index that claims 2,000 frames waiting: the first tick tries and fails.
    fs.writeFileSync(file, 'this is not a database'.padEnd(4096, '.'))
    const shm = Buffer.alloc(32_768)
    const write = os.endianness() === 'LE' ? shm.writeUInt32LE.bind(shm) : shm.writeUInt32BE.bind(shm)
    write(2_000, 16)
    write(0, 96)
    fs.writeFileSync(`${file}-shm`, shm)
    const errors: string[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
      errors.push(parts.map(String).join(' '))
    })
    const running = startCheckpointer(file, { ...checkpointer, thresholdPages: 1 })
    try {
      await expect
        .poll(() => errors.find((line) => line.includes('checkpoint failed')), { timeout: 15_000 })
        .toMatch(/^\[cairn checkpointer\] \[cairn checkpointer\] checkpoint failed: .*not a database/)
    } finally {
      running.stop()
      spy.mockRestore()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
