import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../src/core/runtime/createCore'
import type { HostProcess } from '../support/hostProcess'
import { HOST_ENTRY, startHostProcess, stopHostProcess } from '../support/hostProcess'
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

  it('starts while the killed owner is still a zombie nobody has reaped', async () => {
    const dir = dataDir()
    // The host's parent execs into sleep, which never reaps it: after kill -9 its pid stays "alive" (a zombie)
    // for as long as the test likes, the window in which a pid-file lock refused every start.
    const parent = spawn(
      'sh',
      [
        '-c',
        'echo $$; "$0" "$@" & echo $!; exec sleep 120',
        process.execPath,
        HOST_ENTRY,
        '--data-dir',
        dir,
        '--port',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    children.push(parent)
    let output = ''
    parent.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await expect.poll(() => output.includes('"ready"'), { timeout: 30_000 }).toBe(true)
    const hostPid = Number(output.split('\n')[1])
    process.kill(hostPid, 'SIGKILL')
    await expect
      .poll(() => fs.readFileSync(`/proc/${hostPid}/stat`, 'utf8').split(') ')[1]?.[0], { timeout: 10_000 })
      .toBe('Z')
    // The kernel lets go of the lock once the last of the killed process's threads is gone, a moment after
    // the leader turned zombie; the pid stays taken all along.
    const open = (): boolean => {
      try {
        createCore({ dataDir: dir }).close()
        return true
      } catch {
        return false
      }
    }
    await expect.poll(open, { timeout: 10_000, interval: 50 }).toBe(true)
    expect(fs.readFileSync(`/proc/${hostPid}/stat`, 'utf8').split(') ')[1]?.[0]).toBe('Z')
  })

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
