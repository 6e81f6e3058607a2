/**
 * What a create costs through the core against the same writes on a bare connection.
 *
 *   npx tsx bench/writeCost.ts [--rounds 10] [--calls 300]
 *     seeds a small history (20,000 messages in 200 conversations, a vault, activities, todos) and runs, for
 *     each create method, the core (core.dispatch) and the bare statements in turns, back to back: the ratio of
 *     the two is what the core adds, and stays meaningful on a busy machine because both see the same load.
 *   npx tsx bench/writeCost.ts --prepare DIR
 *   npx tsx bench/writeCost.ts --from DIR --target core|bare|bare+touch --method M --calls N
 *     one target alone on a copy of DIR's database, for a profiler: run it under
 *     `valgrind --tool=callgrind` with --calls 0 and --calls N and divide the difference of the instruction
 *     counts by N, or with node --cpu-prof.
 */
import type Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { DATABASE_FILE } from '../src/core/db/open'
import type { Core } from '../src/core/runtime/createCore'
import { createCore } from '../src/core/runtime/createCore'
import type { MethodName } from '../src/shared/contract/methods'
import { openBare } from './bare'
import { dispatchSync, request } from './calls'
import { seedMore } from './budgets/seedMore'
import type { SeededMore } from './budgets/seedMore'
import { machineLines } from './machine'
import { seed } from './seed'
import { latency, rate } from './stats'
import { createWorkload } from './workload'

export const WRITE_METHODS = [
  'messages.create',
  'vaults.create',
  'todos.create',
  'activities.create',
] as const satisfies readonly MethodName[]
type WriteMethod = (typeof WRITE_METHODS)[number]
const TARGETS = ['core', 'bare', 'bare+touch'] as const
type TargetName = (typeof TARGETS)[number]

interface Seeded {
  conversationIds: number[]
  more: SeededMore
  now: number
}

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name)
  return index === -1 ? undefined : process.argv[index + 1]
}

async function prepare(dir: string): Promise<Seeded> {
  fs.mkdirSync(dir, { recursive: true })
  createCore({ dataDir: dir, validateOutput: false }).close()
  const db = openBare(path.join(dir, DATABASE_FILE))
  const now = Date.now()
  const { conversationIds } = await seed(db, {
    messages: 20_000,
    conversations: 200,
    now,
    log: () => {},
    sessionExchanges: 5,
  })
  const more = seedMore(
    db,
    { activities: 5_000, documents: 5_000, todos: 1_000, tips: 100, monitoringDays: 2 },
    now,
  )
  db.close()
  const seeded: Seeded = { conversationIds, more, now }
  fs.writeFileSync(path.join(dir, 'seeded.json'), JSON.stringify(seeded))
  return seeded
}

/** The inputs of call `index` of a method, the same for every target. */
function inputs(seeded: Seeded): Record<WriteMethod, (index: number) => Record<string, unknown>> {
  const workload = createWorkload(seeded.conversationIds, 5_000, 42)
  const folders = seeded.more.folderIds
  return {
    'messages.create': (index) => ({ ...workload.message(index) }),
    'vaults.create': (index) => ({
      title: `note ${index}`,
      content: 'a new note '.repeat(40),
      parentId: folders[index % folders.length] ?? null,
    }),
    'todos.create': (index) => ({ content: `follow up ${index}`, urgency: index % 4 }),
    'activities.create': (index) => ({
      title: `activity ${index}`,
      content: 'worked on the plan',
      startAt: seeded.now - 60_000,
      endAt: seeded.now,
    }),
  }
}

type Call = (method: WriteMethod, index: number) => void

function coreTarget(core: Core, seeded: Seeded): Call {
  const make = inputs(seeded)
  return (method, index) => {
    dispatchSync(core, request(method, make[method](index) as never))
  }
}

/**
 * The rows each create must write, with nothing around them: the service's own INSERT statement (the vault's
 * next sort order computed inside it), one prepared BEGIN IMMEDIATE transaction, no validation, no re-read.
 * With `touch`, a message insert also moves its conversation to the top, as messages.create must.
 */
function bareTarget(db: Database.Database, seeded: Seeded, touch: boolean): Call {
  const make = inputs(seeded)
  const message = db.prepare(
    `INSERT INTO messages (id, conversation_id, parent_message_id, role, content, status, token_count, metadata, created_at, updated_at, completed_at)
     VALUES ((SELECT coalesce(max(id), 0) + 1 FROM messages), @conversationId, NULL, @role, @content, 'completed', 0, '{}', @now, @now, @now)
     RETURNING id`,
  )
  const touchConversation = db.prepare(
    'UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?',
  )
  const vault = db.prepare(
    `INSERT INTO vaults (title, summary, content, tags, parent_id, is_folder, document_type, sort_order, created_at, updated_at)
     VALUES (@title, '', @content, '[]', @parentId, 0, 'note',
       (SELECT coalesce(max(sort_order) + 1, 0) FROM vaults WHERE parent_id IS @parentId AND is_deleted = 0), @now, @now)`,
  )
  const todo = db.prepare(
    `INSERT INTO todos (content, urgency, assignee, reason, due_at, start_at, source_activity_id, created_at, updated_at)
     VALUES (@content, @urgency, '', '', NULL, NULL, NULL, @now, @now)`,
  )
  const activity = db.prepare(
    `INSERT INTO activities (title, content, resources, metadata, start_at, end_at, created_at)
     VALUES (@title, @content, '{"screenshots":[],"urls":[]}', '{}', @startAt, @endAt, @now)`,
  )
  const write = db.transaction((method: WriteMethod, input: Record<string, unknown>) => {
    const now = Date.now()
    switch (method) {
      case 'messages.create':
        message.get({ ...input, now })
        if (touch) touchConversation.run(now, input.conversationId)
        return
      case 'vaults.create':
        return void vault.run({ ...input, now })
      case 'todos.create':
        return void todo.run({ ...input, now })
      case 'activities.create':
        return void activity.run({ ...input, now })
    }
  })
  return (method, index) => write.immediate(method, make[method](index))
}

function isWriteMethod(name: string | undefined): name is WriteMethod {
  return (WRITE_METHODS as readonly string[]).includes(name ?? '')
}

function copyInto(from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-writecost-'))
  fs.copyFileSync(path.join(from, DATABASE_FILE), path.join(dir, DATABASE_FILE))
  return dir
}

/** One target alone, for a profiler. */
function single(from: string): void {
  const seeded = JSON.parse(fs.readFileSync(path.join(from, 'seeded.json'), 'utf8')) as Seeded
  const method = flag('--method')
  const target = flag('--target')
  const calls = Number(flag('--calls') ?? 1_000)
  if (!isWriteMethod(method) || !TARGETS.includes(target as TargetName))
    throw new Error('bad --method or --target')
  const dir = copyInto(from)
  try {
    if (target === 'core') {
      const core = createCore({ dataDir: dir, validateOutput: false })
      const call = coreTarget(core, seeded)
      for (let index = 0; index < calls; index += 1) call(method, index)
      core.close()
    } else {
      const db = openBare(path.join(dir, DATABASE_FILE))
      const call = bareTarget(db, seeded, target === 'bare+touch')
      for (let index = 0; index < calls; index += 1) call(method, index)
      db.close()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function interleaved(): Promise<void> {
  const rounds = Number(flag('--rounds') ?? 10)
  const calls = Number(flag('--calls') ?? 300)
  const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-writecost-seed-'))
  const dirs: string[] = [seedDir]
  try {
    const seeded = await prepare(seedDir)
    // The core and the bare connection each write to their own copy: one owner per folder, and neither's
    // rows make the other's tables grow.
    const coreDir = copyInto(seedDir)
    const bareDir = copyInto(seedDir)
    dirs.push(coreDir, bareDir)
    const core = createCore({ dataDir: coreDir, validateOutput: false })
    const db = openBare(path.join(bareDir, DATABASE_FILE))
    for (const line of machineLines(db)) console.log(line)
    console.log(`command   npx tsx bench/writeCost.ts ${process.argv.slice(2).join(' ')}`)
    const targets: Record<TargetName, Call> = {
      core: coreTarget(core, seeded),
      bare: bareTarget(db, seeded, false),
      'bare+touch': bareTarget(db, seeded, true),
    }
    const samples = Object.fromEntries(
      WRITE_METHODS.map((method) => [method, Object.fromEntries(TARGETS.map((t) => [t, [] as number[]]))]),
    ) as Record<WriteMethod, Record<TargetName, number[]>>
    let next = 0
    for (const method of WRITE_METHODS) {
      for (const target of TARGETS) for (let i = 0; i < 100; i += 1) targets[target](method, next++)
      for (let round = 0; round < rounds; round += 1) {
        for (let turn = 0; turn < TARGETS.length; turn += 1) {
          const target = TARGETS[(round + turn) % TARGETS.length] ?? 'core'
          for (let i = 0; i < calls; i += 1) {
            const index = next++
            const start = performance.now()
            targets[target](method, index)
            samples[method][target].push(performance.now() - start)
          }
        }
      }
    }
    core.close()
    db.close()
    console.log(`\n${rounds} rounds × ${calls} calls per target, interleaved; p50 in ms, rate in calls/s`)
    console.log(
      'method              core p50  bare p50  core/bare  | core/s  bare/s  core÷bare | bare+touch p50  core/(bare+touch)',
    )
    for (const method of WRITE_METHODS) {
      const s = samples[method]
      const [c, b, t] = [latency(s.core), latency(s.bare), latency(s['bare+touch'])]
      const [cr, br] = [rate(s.core).perSecond, rate(s.bare).perSecond]
      const touch = method === 'messages.create'
      console.log(
        `${method.padEnd(18)} ${c.p50.toFixed(4).padStart(9)} ${b.p50.toFixed(4).padStart(9)} ${(c.p50 / b.p50).toFixed(2).padStart(9)}×  | ${cr.toFixed(0).padStart(6)} ${br.toFixed(0).padStart(7)} ${(cr / br).toFixed(2).padStart(9)}× | ${touch ? t.p50.toFixed(4).padStart(14) : '             –'} ${touch ? `${(c.p50 / t.p50).toFixed(2)}×`.padStart(18) : '                 –'}`,
      )
    }
  } finally {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const prepareDir = flag('--prepare')
  const from = flag('--from')
  if (prepareDir) await prepare(prepareDir)
  else if (from) single(from)
  else await interleaved()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
