import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../src/core/db/open'
import { openTestCore } from '../support/core'
import { tempDir } from '../support/tempDir'

/**
 * Junk over a few pages in the middle, with the size and the modification time put back exactly as they were.
 * `touch -r` copies the time at the file system's full precision; `fs.utimesSync` goes through a double of
 * seconds and lands a few hundred nanoseconds off, which would make the marker (rightly) miss.
 */
function damageUnseen(file: string): void {
  const before = fs.statSync(file, { bigint: true })
  const reference = `${file}.time`
  fs.writeFileSync(reference, '')
  execFileSync('touch', ['-r', file, reference])
  const bytes = fs.readFileSync(file)
  bytes.fill(0xff, 4096 * 2, Math.min(bytes.length, 4096 * 12))
  fs.writeFileSync(file, bytes)
  execFileSync('touch', ['-r', reference, file])
  fs.rmSync(reference)
  const after = fs.statSync(file, { bigint: true })
  expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs])
}

function filled(dir: string): void {
  const t = openTestCore({ dataDir: dir })
  for (let index = 0; index < 300; index += 1)
    t.call('todos.create', { content: `todo ${index} `.repeat(20) })
  t.close()
}

describe('the start-up check after a clean quit', () => {
  it('is skipped when the file is exactly as the last clean quit left it, and the marker goes at once', () => {
    const dir = tempDir()
    const file = path.join(dir, DATABASE_FILE)
    filled(dir)
    expect(fs.existsSync(`${file}.clean`)).toBe(true)
    // Damage that only a check would find: a start that skips the check does not notice it.
    damageUnseen(file)
    const t = openTestCore({ dataDir: dir })
    expect(t.call('system.health', {}).recovery).toBeNull()
    // Taken at start, so a crash in this session leaves no marker behind.
    expect(fs.existsSync(`${file}.clean`)).toBe(false)
    // The damage shows at quit; that quit leaves no marker, so the next start checks, and recovers.
    t.close()
    expect(fs.existsSync(`${file}.clean`)).toBe(false)
    const next = openTestCore({ dataDir: dir })
    expect(next.call('system.health', {}).recovery?.problem).toMatch(/check found damage/)
  })

  it('runs after a quit that was not clean (no marker), and finds the damage', () => {
    const dir = tempDir()
    const file = path.join(dir, DATABASE_FILE)
    filled(dir)
    fs.rmSync(`${file}.clean`)
    damageUnseen(file)
    const t = openTestCore({ dataDir: dir })
    expect(t.call('system.health', {}).recovery?.problem).toMatch(/check found damage/)
  })

  it('runs when the file changed after the clean quit (another program wrote to it, or it was copied in)', () => {
    const dir = tempDir()
    const file = path.join(dir, DATABASE_FILE)
    filled(dir)
    const bytes = fs.readFileSync(file)
    bytes.fill(0xff, 4096 * 2, Math.min(bytes.length, 4096 * 12))
    fs.writeFileSync(file, bytes)
    const t = openTestCore({ dataDir: dir })
    expect(t.call('system.health', {}).recovery?.problem).toMatch(/check found damage/)
  })
})
