// The real core worker, plus a way to make it crash as a bug would: an exception no one catches, thrown on the
// worker's thread after a `system.health` call whose params ask for it; and a line logged on request.
import { parentPort } from 'node:worker_threads'
import '../../src/core/runtime/worker'

type Call = { type?: string; method?: string; params?: { crash?: boolean; say?: string } }

parentPort?.on('message', (message: Call) => {
  // Something the core logs, with bytes among it: the parent gets the line, the bytes only as their size.
  if (message.type === 'call' && message.method === 'system.health' && message.params?.say) {
    console.warn(message.params.say, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))
  }
  if (message.type === 'call' && message.method === 'system.health' && message.params?.crash) {
    setImmediate(() => {
      throw new Error('simulated crash in the core')
    })
  }
})
