import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { onTestFinished } from 'vitest'
import type { Core, CoreEvent, CoreOptions } from '../../src/core/runtime/createCore'
import { createCore } from '../../src/core/runtime/createCore'
import type { AppErrorShape, CallResponse } from '../../src/shared/contract/errors'
import type { EventData, EventName } from '../../src/shared/contract/events'
import type { MethodName } from '../../src/shared/contract/methods'
import type { MethodParams, MethodResult } from '../../src/shared/contract/methods'
import { resultOf } from '../../src/shared/client'
import { FakeClock } from './fakeClock'
import { tempDir } from './tempDir'

export interface TestCore {
  core: Core
  clock: FakeClock
  dataDir: string
  /** Every event the core emitted, in order. */
  events: CoreEvent[]
  /** A call that must succeed; its result has already been checked against the output schema. */
  call<M extends MethodName>(method: M, params: MethodParams<M>): MethodResult<M>
  /** A call that must fail; returns the error value. */
  fail(method: string, params: unknown): AppErrorShape
  /** A method that answers at once (most do); throws for one that answers with a promise. */
  raw(method: string, params: unknown): CallResponse
  /** Any method, awaited (backups answer with a promise). */
  rawAsync(method: string, params: unknown): Promise<CallResponse>
  callAsync<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>
  eventsNamed<E extends EventName>(name: E): EventData<E>[]
  close(): void
}

export interface TestCoreOptions {
  dataDir?: string
  clock?: FakeClock
  /** Passed through to createCore (AI client tuning, platform capabilities...). */
  core?: Partial<Omit<CoreOptions, 'dataDir' | 'clock'>>
}

/**
 * A real core on a real SQLite file in a temp folder, with a FakeClock, output validation on, and any
 * INTERNAL error thrown straight out of dispatch so it fails the test where it happened.
 */
/** A call's result typed from the contract; a failure throws with the method, code and message in one line. */
export function typedResult<M extends MethodName>(method: M, response: CallResponse): MethodResult<M> {
  if (!response.ok) throw new Error(`${method} failed with ${response.error.code}: ${response.error.message}`)
  return resultOf(method, response)
}

export function openTestCore(options: TestCoreOptions = {}): TestCore {
  const dataDir = options.dataDir ?? tempDir()
  const clock = options.clock ?? new FakeClock()
  const core = createCore({
    ...options.core,
    dataDir,
    clock,
    validateOutput: true,
    onInternalError: (method, error) => {
      throw new Error(
        `INTERNAL error in ${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      )
    },
  })
  onTestFinished(() => core.close())
  const events: CoreEvent[] = []
  core.onEvent((event) => events.push(event))
  const raw = (method: string, params: unknown): CallResponse => {
    const response = core.dispatch(method, params)
    if (response instanceof Promise)
      throw new Error(`${method} answers with a promise: use rawAsync/callAsync`)
    return response
  }
  const rawAsync = (method: string, params: unknown): Promise<CallResponse> =>
    Promise.resolve(core.dispatch(method, params))
  return {
    core,
    clock,
    dataDir,
    events,
    raw,
    rawAsync,
    async callAsync<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
      return typedResult(method, await rawAsync(method, params))
    },
    call<M extends MethodName>(method: M, params: MethodParams<M>): MethodResult<M> {
      return typedResult(method, raw(method, params))
    },
    fail(method, params) {
      const response = raw(method, params)
      if (response.ok)
        throw new Error(`${method} was expected to fail but returned ${JSON.stringify(response.result)}`)
      return response.error
    },
    eventsNamed<E extends EventName>(name: E): EventData<E>[] {
      return events.filter((event) => event.name === name).map((event) => event.data as EventData<E>)
    },
    close: () => core.close(),
  }
}

/** Runs `read` on a separate read-only connection: what is on disk, not what a service has in memory. */
export function readDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

/**
 * A hash of the schema, user_version and every row of every table (FTS shadow tables included), except the
 * tables named in `skip` (e.g. job_runs, which a start-up job writes to).
 */
export function fingerprint(file: string, skip: readonly string[] = []): string {
  return readDatabase(file, (db) => {
    const hash = createHash('sha256')
    hash.update(`user_version=${String(db.pragma('user_version', { simple: true }))}\n`)
    const objects = db
      .prepare<[], { type: string; name: string; sql: string | null }>(
        'SELECT type, name, sql FROM sqlite_schema ORDER BY type, name',
      )
      .all()
    for (const object of objects) {
      hash.update(`${object.type} ${object.name} ${object.sql ?? ''}\n`)
      if (object.type !== 'table' || object.sql?.startsWith('CREATE VIRTUAL TABLE')) continue
      if (skip.includes(object.name)) continue
      for (const row of db
        .prepare(`SELECT * FROM "${object.name.replaceAll('"', '""')}"`)
        .raw()
        .all()) {
        hash.update(
          JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
        )
        hash.update('\n')
      }
    }
    return hash.digest('hex')
  })
}

/** Asks an external-content FTS5 index whether it agrees with its content table (throws if not). */
export function checkFtsIntegrity(file: string, ftsTables: readonly string[]): void {
  const db = new Database(file, { fileMustExist: true })
  try {
    for (const fts of ftsTables)
      db.prepare(`INSERT INTO ${fts}(${fts}, rank) VALUES ('integrity-check', 1)`).run()
  } finally {
    db.close()
  }
}
