import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'

const PRIORITY = path.resolve(__dirname, '../../src/core/platform/threadPriority.ts')

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
})
