import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'

const PRIORITY = path.resolve(__dirname, '../../src/core/platform/threadPriority.ts')

interface ThreadPriority {
  name: string
  nice: number
}

/** Runs `body` in a new Node process (so this one keeps its priorities) and returns what it printed as JSON. */
function inNewProcess<T>(body: string): T {
  const program = `
    const fs = require('node:fs')
    const os = require('node:os')
    const priority = require(${JSON.stringify(PRIORITY)})
    const threads = () => fs.readdirSync('/proc/self/task').map((id) => ({
      name: fs.readFileSync('/proc/self/task/' + id + '/comm', 'utf8').trim(),
      nice: os.getPriority(Number(id)),
    }))
    ${body}`
  const ran = spawnSync(process.execPath, ['--import', 'tsx', '-e', program], { encoding: 'utf8' })
  expect(ran.stderr).toBe('')
  return JSON.parse(ran.stdout) as T
}

describe('lowering the priority of a thread', () => {
  it('lowers the calling thread alone, on Linux', async () => {
    const source = `
      const os = require('node:os')
      const { parentPort } = require('node:worker_threads')
      const { lowerThisThreadsPriority } = require(${JSON.stringify(PRIORITY)})
      const lowered = lowerThisThreadsPriority(10)
      // Only Linux has /proc/thread-self, and only there does the helper lower anything.
      const ownId = () => Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())
      parentPort.postMessage({ lowered, nice: lowered ? os.getPriority(ownId()) : 0 })`
    const worker = new Worker(source, { eval: true, execArgv: ['--import', 'tsx'] })
    const answer = await new Promise<{ lowered: boolean; nice: number }>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    await worker.terminate()
    if (process.platform !== 'linux') console.log('lowering a thread: not on Linux, whose nice is per thread')
    expect(answer).toEqual(
      process.platform === 'linux' ? { lowered: true, nice: 10 } : { lowered: false, nice: 0 },
    )
    // This thread kept its own priority (a whole-process priority would have lowered it too).
    expect(os.getPriority(process.pid)).toBe(0)
  })

  it("lowers V8's helper threads and no other thread of the process, once however often it is called", () => {
    if (process.platform !== 'linux') {
      console.log("lowering V8's helper threads: not on Linux, whose nice is per thread; nothing is lowered")
      return
    }
    const { lowered, again, before, after } = inNewProcess<{
      lowered: number
      again: number
      before: ThreadPriority[]
      after: ThreadPriority[]
    }>(`
      const before = threads()
      const lowered = priority.lowerV8HelperThreads()
      const again = priority.lowerV8HelperThreads()
      console.log(JSON.stringify({ lowered, again, before, after: threads() }))`)
    const helpers = before.filter((thread) => thread.name === 'V8Worker')
    // Node runs a pool of them (4 by default); this Node names them, or nothing could be lowered.
    expect(helpers.length).toBeGreaterThan(0)
    expect(lowered).toBe(helpers.length)
    expect(again).toBe(helpers.length)
    expect(before.every((thread) => thread.nice === 0)).toBe(true)
    expect(after).toEqual(before.map((thread) => ({ ...thread, nice: thread.name === 'V8Worker' ? 10 : 0 })))
  })
})
