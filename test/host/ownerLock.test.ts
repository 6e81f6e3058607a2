import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../src/core/runtime/createCore'
import type { HostProcess } from '../support/hostProcess'
import { startHostProcess, stopHostProcess } from '../support/hostProcess'
import { RpcClient } from '../support/rpcClient'

const dirs: string[] = []
const children: ReturnType<typeof spawn>[] = []
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-owner-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

describe('one owner of the data folder, released by the OS', () => {
  it('starts again at once after a kill -9, 8 rounds out of 8', async () => {
    const dir = dataDir()
    let previous: HostProcess | null = null
    for (let round = 0; round < 8; round += 1) {
      // The next start does not wait for the killed process to be reaped: it may still be a zombie.
      const killed = previous
      killed?.child.kill('SIGKILL')
      const host = await startHostProcess(['--data-dir', dir, '--port', '0'])
      const client = await RpcClient.connect(host.ready.rpc, host.ready.token)
      expect(await client.call('todos.create', { content: `round ${round}` })).toMatchObject({
        content: `round ${round}`,
      })
      client.close()
      if (killed) expect(await killed.exited).toBe('SIGKILL')
      previous = host
    }
    await stopHostProcess(previous ?? undefined)
    // Eight host starts one after another: about 2 s each on a loaded two-core machine.
  }, 120_000)

  it('is not blocked by a pid file of an older Cairn naming an unrelated live process', () => {
    const dir = dataDir()
    const unrelated = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'])
    children.push(unrelated)
    // What the pid-file lock left behind, e.g. before a reboot gave its pid to another program.
    fs.writeFileSync(
      path.join(dir, 'cairn.db.lock'),
      JSON.stringify({ pid: unrelated.pid, hostname: os.hostname(), startedAt: 0 }),
    )
    const core = createCore({ dataDir: dir })
    expect(core.dispatch('system.health', {})).toMatchObject({ ok: true })
    core.close()
  })

  it('refuses a second live owner with "Cairn is already running", and lets it in once the first quits', async () => {
    const dir = dataDir()
    const host = await startHostProcess(['--data-dir', dir, '--port', '0'])
    expect(() => createCore({ dataDir: dir })).toThrow(/Cairn is already running with the data folder/)
    await stopHostProcess(host)
    const core = createCore({ dataDir: dir })
    core.close()
  })

  it('refuses a second owner inside the same process too', () => {
    const dir = dataDir()
    const first = createCore({ dataDir: dir })
    try {
      expect(() => createCore({ dataDir: dir })).toThrow(/Cairn is already running/)
    } finally {
      first.close()
    }
    createCore({ dataDir: dir }).close()
  })
})
