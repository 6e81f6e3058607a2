import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportSteps } from '../../src/core/transfer/exportData'
import { openTestCore } from '../support/core'
import type { TestCore } from '../support/core'
import { fill } from '../support/fill'
import { tempDir } from '../support/tempDir'

const WORKER = path.resolve(__dirname, '../../src/core/runtime/worker.ts')
const script = { workerPath: WORKER, execArgv: ['--import', 'tsx'] }
const onThread = (): TestCore => openTestCore({ core: { checkpointer: { ...script, intervalMs: 50 } } })

/** Every file of an export folder with its text, the manifest left out (it names the folder). */
function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const sub of ['tables', 'documents']) {
    for (const name of fs.readdirSync(path.join(dir, sub)).sort()) {
      files[`${sub}/${name}`] = fs.readFileSync(path.join(dir, sub, name), 'utf8')
    }
  }
  return files
}

describe('an export on a thread of its own', () => {
  it('writes the same files as an export on the core thread, with its progress, while the core answers', async () => {
    const threaded = onThread()
    fill(threaded, 'threaded')
    for (let index = 0; index < 4_500; index += 1) threaded.call('todos.create', { content: `todo ${index}` })
    const dir = path.join(tempDir(), 'export')
    const exporting = threaded.callAsync('transfer.export', { dir })
    // The core's thread is free: a call made now is answered before the export is done.
    let exported = false
    void exporting.then(() => (exported = true))
    expect(threaded.call('todos.list', { limit: 1 }).items).toHaveLength(1)
    expect(exported).toBe(false)
    const summary = await exporting
    expect(summary.tables.todos).toBe(4_501)

    const progress = threaded.eventsNamed('backups.progress').filter((event) => event.operation === 'export')
    expect(progress.some((event) => event.stage === 'Exporting todos')).toBe(true)
    expect(progress.at(-1)).toMatchObject({ stage: 'Export complete', done: progress.at(-1)?.total })
    const done = progress.map((event) => event.done)
    expect(done).toEqual([...done].sort((a, b) => a - b))

    // The same snapshot written on this thread (nothing was written since): the same files and summary.
    const inlineDir = path.join(tempDir(), 'inline')
    const steps = exportSteps(threaded.core.databasePath, inlineDir, summary.exportedAt, false)
    let next = steps.next()
    while (!next.done) next = steps.next()
    expect(summary).toEqual({ ...next.value, dir })
    expect(filesOf(dir)).toEqual(filesOf(inlineDir))
  })

  it('refuses a folder that is not empty with the error the core thread gives, and one export at a time', async () => {
    const t = onThread()
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'mine')
    const refused = await t.rawAsync('transfer.export', { dir })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(refused.ok ? '' : refused.error.message).toContain('is not empty')
    expect(fs.readdirSync(dir)).toEqual(['keep.txt'])

    const first = t.rawAsync('transfer.export', { dir: path.join(tempDir(), 'a') })
    const second = await t.rawAsync('transfer.export', { dir: path.join(tempDir(), 'b') })
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await first).toMatchObject({ ok: true })
  })
})
