/**
 * npm run bench:budgets:writes -- [--writes N]: the tail of small writes with SQLite's automatic checkpoint on
 * the committing call against the checkpointer thread (src/main/db/checkpointer.ts), on one fresh database each.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createCore } from '../../src/main/core/createCore'
import type { CoreOptions } from '../../src/main/core/createCore'
import { latency } from '../stats'
import { formatTable, ms } from '../table'

const WORKER_PATH = path.resolve(import.meta.dirname, '../../src/main/core/worker.ts')

async function measure(label: string, writes: number, extra: Partial<CoreOptions>): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-write-tails-'))
  const core = createCore({ dataDir, validateOutput: false, ...extra })
  try {
    const call = async (method: string, params: unknown): Promise<Record<string, unknown>> => {
      const response = await core.dispatch(method, params)
      if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
      return response.result as Record<string, unknown>
    }
    const conversation = (await call('conversations.create', { title: 'tails' })).id
    const times: number[] = []
    for (let index = 0; index < writes; index += 1) {
      const start = performance.now()
      await call('messages.create', {
        conversationId: conversation,
        role: 'user',
        content: 'x'.repeat(2_000),
      })
      times.push(performance.now() - start)
      // A little air between calls, as a person's use has, so the checkpointer gets its turns.
      if (index % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 1))
    }
    const stats = latency(times)
    const slow = times.filter((time) => time > 10).length
    return [label, String(writes), ms(stats.p50), ms(stats.p99), ms(stats.max), String(slow)]
  } finally {
    core.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const index = process.argv.indexOf('--writes')
  const writes = index === -1 ? 5_000 : Number(process.argv[index + 1])
  // --variant commit|thread runs one (to trace which thread calls fsync: strace -f -e trace=fdatasync,fsync).
  const variantIndex = process.argv.indexOf('--variant')
  const variant = variantIndex === -1 ? null : process.argv[variantIndex + 1]
  const rows: string[][] = []
  if (variant !== 'thread') rows.push(await measure('checkpoint on the commit (SQLite default)', writes, {}))
  if (variant !== 'commit') {
    rows.push(
      await measure('checkpointer thread', writes, {
        checkpointer: { workerPath: WORKER_PATH, execArgv: ['--import', 'tsx'] },
      }),
    )
  }
  console.log(
    formatTable(
      ['messages.create of 2 kB', 'writes', 'p50', 'p99', 'max', '> 10 ms'].map(
        (title, column) => ({ title, align: column === 0 ? 'left' : 'right' }) as const,
      ),
      rows,
    ),
  )
}

void main()
