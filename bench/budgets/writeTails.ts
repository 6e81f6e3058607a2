/**
 * npx tsx bench/budgets/writeTails.ts [--writes N] [--rounds R] [--database FILE] [--method vaults.create]:
 * the tail of small writes with SQLite's automatic checkpoint on the committing call against the checkpointer
 * thread (src/core/db/checkpointer.ts), taking turns on one database so both meet the same load.
 * --database copies a seeded database (npm run bench:budgets -- --seed-cache DIR keeps one) to start from.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createCore } from '../../src/core/runtime/createCore'
import type { CoreOptions } from '../../src/core/runtime/createCore'
import { DATABASE_FILE } from '../../src/core/db/open'
import { resultOf } from '../../src/shared/client'
import type { CallResponse } from '../../src/shared/contract/errors'
import { latency } from '../stats'
import { formatTable, ms } from '../table'

const WORKER_PATH = path.resolve(import.meta.dirname, '../../src/core/runtime/worker.ts')

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name)
  return index === -1 ? undefined : process.argv[index + 1]
}

async function measure(dataDir: string, method: string, writes: number, extra: Partial<CoreOptions>) {
  const core = createCore({ dataDir, validateOutput: false, ...extra })
  try {
    const call = async (name: string, params: unknown): Promise<CallResponse> => {
      const response = await core.dispatch(name, params)
      if (!response.ok) throw new Error(`${name}: ${response.error.message}`)
      return response
    }
    const conversation = resultOf(
      'conversations.create',
      await call('conversations.create', { title: 'tails' }),
    ).id
    const times: number[] = []
    for (let index = 0; index < writes; index += 1) {
      const params =
        method === 'vaults.create'
          ? { title: `note ${index}`, content: 'a new note '.repeat(40) }
          : { conversationId: conversation, role: 'user', content: 'x'.repeat(2_000) }
      const start = performance.now()
      await call(method, params)
      times.push(performance.now() - start)
      // A little air between calls, as a person's use has, so the checkpointer gets its turns.
      if (index % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 1))
    }
    return times
  } finally {
    core.close()
  }
}

async function main(): Promise<void> {
  const writes = Number(argument('--writes') ?? 2_000)
  const rounds = Number(argument('--rounds') ?? 2)
  const method = argument('--method') ?? 'messages.create'
  const from = argument('--database')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-write-tails-'))
  try {
    if (from) {
      fs.copyFileSync(from, path.join(dataDir, DATABASE_FILE))
      // Flushed first, so the copy's own dirty pages do not land on the measured calls.
      const fd = fs.openSync(path.join(dataDir, DATABASE_FILE), 'r+')
      fs.fsyncSync(fd)
      fs.closeSync(fd)
    }
    const variants: [string, Partial<CoreOptions>][] = [
      ['checkpoint on the commit (SQLite default)', {}],
      ['checkpointer thread', { checkpointer: { workerPath: WORKER_PATH, execArgv: ['--import', 'tsx'] } }],
    ]
    const all = new Map<string, number[]>()
    for (let round = 0; round < rounds; round += 1) {
      for (const [label, extra] of variants) {
        all.set(label, [...(all.get(label) ?? []), ...(await measure(dataDir, method, writes, extra))])
      }
    }
    const rows = [...all].map(([label, times]) => {
      const stats = latency(times)
      const slow = times.filter((time) => time > 10).length
      return [label, String(times.length), ms(stats.p50), ms(stats.p99), ms(stats.max), String(slow)]
    })
    console.log(
      formatTable(
        [`${method}${from ? ' on a copy' : ''}`, 'writes', 'p50', 'p99', 'max', '> 10 ms'].map(
          (title, column) => ({ title, align: column === 0 ? 'left' : 'right' }) as const,
        ),
        rows,
      ),
    )
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

void main()
