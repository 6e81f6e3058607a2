import fs from 'node:fs'
import type { CallResponse } from '../../shared/contract/errors'
import type { EventData, EventName } from '../../shared/contract/events'
import { CONTRACT_VERSION } from '../../shared/version'
import { closeDatabase, openDatabase } from '../db/open'
import { acquireOwnerLock } from '../db/ownerLock'
import type { OpenedDatabase } from '../db/open'
import type { EventSink } from '../services/context'
import type { Clock } from './clock'
import { systemClock } from './clock'
import { describeContract } from './describe'
import type { DispatcherOptions } from './dispatcher'
import { createDispatcher } from './dispatcher'
import { createHandlers } from './handlers'
import { createServices } from './services'

export interface CoreOptions extends DispatcherOptions {
  dataDir: string
  clock?: Clock
}

export type CoreEvent = { [E in EventName]: { name: E; data: EventData<E> } }[EventName]
export type CoreEventListener = (event: CoreEvent) => void

/** The whole app without a window: one database connection, the services, the jobs and the dispatcher. */
export interface Core {
  dispatch(method: string, params: unknown): CallResponse
  onEvent(listener: CoreEventListener): () => void
  readonly dataDir: string
  readonly databasePath: string
  readonly schemaVersion: number
  close(): void
}

export function createCore(options: CoreOptions): Core {
  fs.mkdirSync(options.dataDir, { recursive: true })
  const releaseOwnership = acquireOwnerLock(options.dataDir)
  let opened: OpenedDatabase | null = null
  try {
    opened = openDatabase(options.dataDir)
    return assemble(opened, options, releaseOwnership)
  } catch (error) {
    // A failure after the open (recovery, the first prune) must not leave the file held open or owned.
    opened?.db.close()
    releaseOwnership()
    throw error
  }
}

function assemble(opened: OpenedDatabase, options: CoreOptions, releaseOwnership: () => void): Core {
  const clock = options.clock ?? systemClock
  const listeners = new Set<CoreEventListener>()
  const emit: EventSink = (name, data) => {
    const event = { name, data } as CoreEvent
    for (const listener of listeners) listener(event)
  }
  const ctx = { db: opened.db, clock, emit }
  const services = createServices(ctx)
  services.messages.recoverUnfinished()

  let description: ReturnType<typeof describeContract> | null = null
  const sqliteVersion = String(opened.db.prepare('SELECT sqlite_version()').pluck().get())
  const handlers = createHandlers(
    services,
    () => (description ??= describeContract()),
    () => ({
      ok: opened.db.open,
      version: CONTRACT_VERSION,
      schemaVersion: opened.schemaVersion,
      dataDir: options.dataDir,
      databasePath: opened.path,
      databaseBytes: ['', '-wal'].reduce((total, suffix) => {
        const file = opened.path + suffix
        return total + (fs.existsSync(file) ? fs.statSync(file).size : 0)
      }, 0),
      sqliteVersion,
    }),
  )
  const dispatch = createDispatcher(handlers, options)
  services.scheduler.start()

  return {
    dispatch,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dataDir: options.dataDir,
    databasePath: opened.path,
    schemaVersion: opened.schemaVersion,
    close() {
      if (!opened.db.open) return
      services.scheduler.stop()
      services.messages.flushAll()
      listeners.clear()
      try {
        closeDatabase(opened.db)
      } finally {
        releaseOwnership()
      }
    },
  }
}
