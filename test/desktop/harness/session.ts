import type { ChildProcess } from 'node:child_process'
import { fork } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { tempDir } from '../../support/tempDir'
import type { HarnessCommand, HarnessReply, HarnessState } from './protocol'

const ROOT = path.resolve(__dirname, '../../..')
/** Node 24 from the `node` package: better-sqlite3 13 needs Node 22 or newer. */
const NODE = path.join(ROOT, 'node_modules/node/bin/node')

export interface HarnessSession {
  dataDir: string
  send(command: HarnessCommand): Promise<unknown>
  state(): Promise<HarnessState>
  /** Resolves with the exit code and the final record once the process has ended. */
  exited: Promise<{ code: number | null; state: HarnessState | null; at: number }>
  stderr(): string
  kill(): void
}

/** Starts the built main process (out/main/index.js) under Node with the Electron stand-in. */
export async function startHarness(
  options: { dataDir?: string; platform?: NodeJS.Platform } = {},
): Promise<HarnessSession> {
  const dataDir = options.dataDir ?? tempDir('cairn-harness-')
  const record = path.join(tempDir('cairn-harness-record-'), 'record.json')
  const child: ChildProcess = fork(path.join(__dirname, 'child.ts'), [`--data-dir=${dataDir}`], {
    execPath: NODE,
    execArgv: ['--import', 'tsx'],
    cwd: ROOT,
    env: {
      ...process.env,
      HARNESS_MAIN: path.join(ROOT, 'out/main/index.js'),
      HARNESS_RECORD: record,
      ...(options.platform ? { HARNESS_PLATFORM: options.platform } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  child.stdout?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let nextId = 1
  const loaded = new Promise<void>((resolve, reject) => {
    waiting.set(0, { resolve: () => resolve(), reject })
  })
  child.on('message', (reply: HarnessReply) => {
    const call = waiting.get(reply.id)
    waiting.delete(reply.id)
    if (reply.ok) call?.resolve(reply.result)
    else call?.reject(new Error(reply.error))
  })
  const exited = new Promise<{ code: number | null; state: HarnessState | null; at: number }>((resolve) => {
    child.on('exit', (code) => {
      const at = performance.now()
      for (const call of waiting.values()) call.reject(new Error(`the harness exited (${code}): ${errors}`))
      waiting.clear()
      const saved = fs.existsSync(record)
        ? (JSON.parse(fs.readFileSync(record, 'utf8')) as { state: HarnessState }).state
        : null
      resolve({ code, state: saved, at })
    })
  })
  await loaded
  const send = (command: HarnessCommand): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++
      waiting.set(id, { resolve, reject })
      child.send({ id, command })
    })
  return {
    dataDir,
    send,
    state: () => send({ type: 'state' }) as Promise<HarnessState>,
    exited,
    stderr: () => errors,
    kill: () => child.kill('SIGKILL'),
  }
}
