import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeImage } from '../../src/core/capture/imageStore'
import { openTestCore } from '../support/core'
import { tempDir } from '../support/tempDir'

const mode = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8)

/** Every file and folder under `dir`, with its mode. */
function modes(dir: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name)
    found[path.relative(dir, file)] = mode(file)
  }
  return found
}

describe.runIf(process.platform !== 'win32')('private on disk', () => {
  it('creates the data folder 0700 and the database, its WAL, screenshots, backups and exports 0600', async () => {
    const dataDir = path.join(tempDir(), 'Cairn')
    const t = openTestCore({ dataDir })
    t.call('todos.create', { content: 'private' })
    writeImage(dataDir, 'captures/2025-01-15/1-display_1.png', Buffer.from('png'))
    await t.callAsync('backups.create', {})
    const exportDir = path.join(tempDir(), 'export')
    await t.callAsync('transfer.export', { dir: exportDir })
    expect(mode(dataDir)).toBe('700')
    for (const root of [dataDir, exportDir]) {
      for (const [file, found] of Object.entries(modes(root))) {
        expect(found, file).toBe(fs.statSync(path.join(root, file)).isDirectory() ? '700' : '600')
      }
    }
    expect(Object.keys(modes(dataDir))).toEqual(
      expect.arrayContaining(['cairn.db', 'cairn.db-wal', 'captures/2025-01-15/1-display_1.png']),
    )
  })

  it('tightens an existing data folder it owns', () => {
    const dataDir = tempDir()
    fs.chmodSync(dataDir, 0o755)
    openTestCore({ dataDir })
    expect(mode(dataDir)).toBe('700')
  })

  it('refuses an export whose real path is inside the data folder (a link to it, or a folder behind one)', async () => {
    const root = tempDir()
    const dataDir = path.join(root, 'data')
    const t = openTestCore({ dataDir })
    fs.symlinkSync(dataDir, path.join(root, 'innocent'))
    fs.mkdirSync(path.join(dataDir, 'inside'))
    fs.symlinkSync(path.join(dataDir, 'inside'), path.join(root, 'also-innocent'))
    const before = modes(dataDir)
    for (const dir of [
      path.join(root, 'innocent'),
      path.join(root, 'innocent', 'export'),
      path.join(root, 'also-innocent'),
    ]) {
      expect(await t.rawAsync('transfer.export', { dir, overwrite: true }), dir).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/outside Cairn’s data folder/) },
      })
    }
    expect(Object.keys(modes(dataDir)).sort()).toEqual(Object.keys(before).sort())
  })
})
