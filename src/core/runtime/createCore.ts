import fs from 'node:fs'
import type { CallResponse } from '../../shared/contract/errors'
import type { EventData, EventName } from '../../shared/contract/events'
import { CONTRACT_VERSION } from '../../shared/version'
import { BackupManager } from '../backup/manager'
import { TransferManager } from '../transfer/manager'
import { openWithRecovery } from '../backup/recovery'
import type { RecoveredOpen } from '../backup/recovery'
import { checkpointFull, closeDatabase, isReadOnlyError, openDatabase } from '../db/open'
import { acquireOwnerLock } from '../db/ownerLock'
import { startCheckpointer } from '../db/checkpointer'
import type { Checkpointer, CheckpointerOptions } from '../db/checkpointer'
import type { OpenOptions, OpenedDatabase } from '../db/open'
import type { EventSink } from '../services/context'
import type { Clock } from '../platform/clock'
import { systemClock } from '../platform/clock'
import { describeContract } from './describe'
import type { Platform } from '../platform/types'
import type { DispatcherOptions } from './dispatcher'
import { createDispatcher } from './dispatcher'
import { createHandlers } from './handlers'
import { EnvSecretStore } from '../ai/secrets'
import { preparePrivateDataDir, restrictUmask } from '../platform/privateFiles'
import type { AiClientTuning } from '../ai/service'
import { createServices } from './services'
import { tesseractEngine } from '../ocr/engine'
import type { OcrEngine } from '../ocr/engine'
import type { Services } from './services'
import { startTaskThread } from './threadTask'
import type { TaskThread } from './threadTask'

export interface CoreOptions extends DispatcherOptions, OpenOptions {
  dataDir: string
  clock?: Clock
  /** What the operating system offers (screen, power state...); none in tests and tools unless given. */
  platform?: Platform
  /** Client timeouts/retries for AI calls (tests shorten them); the provider itself comes from settings. */
  aiTuning?: AiClientTuning
  /**
   * Run WAL checkpoints on a thread of their own (src/core/db/checkpointer.ts) so no write waits for one, and
   * copy backups and write exports on another (src/core/runtime/threadTask.ts), both from this script. Without
   * it SQLite checkpoints on the committing call, and backups and exports run on the core's thread in steps, as
   * tests can accept.
   */
  checkpointer?: CheckpointerOptions
  /** Reads the text of stored frames on the device, in the thread built from src/core/ocr/ocrThread.ts. */
  ocr?: { workerPath: string }
  /**
   * Embed every item in the background when an embedding model is configured (default on). Tests that script
   * each embeddings answer of chat in order turn it off.
   */
  embedInBackground?: boolean
}

/**
 * With a checkpointer the writer checkpoints only as a safety net, when the log has grown to about 40 MB
 * (the thread stopped, or a long read held it back); SQLite's default does so at 4 MB on a commit's time.
 */
const SAFETY_NET_CHECKPOINT_PAGES = 10_000

export type CoreEvent = { [E in EventName]: { name: E; data: EventData<E> } }[EventName]
export type CoreEventListener = (event: CoreEvent) => void

/** The whole app without a window: one database connection, the services, the jobs and the dispatcher. */
export interface Core {
  /** Most methods answer at once; a few (backups, jobs.run of the backup job) answer with a promise. */
  dispatch(method: string, params: unknown): CallResponse | Promise<CallResponse>
  onEvent(listener: CoreEventListener): () => void
  readonly dataDir: string
  readonly databasePath: string
  readonly schemaVersion: number
  close(): void
}

export function createCore(options: CoreOptions): Core {
  restrictUmask()
  preparePrivateDataDir(options.dataDir)
  const releaseOwnership = acquireOwnerLock(options.dataDir)
  let first: RecoveredOpen | null = null
  try {
    first = openWithRecovery(options.dataDir, (options.clock ?? systemClock).now(), options)
    return assemble(first, options, releaseOwnership)
  } catch (error) {
    // A failure after the open (recovery, the first prune) must not leave the file held open or owned.
    first?.opened.db.close()
    releaseOwnership()
    throw error
  }
}

function assemble(first: RecoveredOpen, options: CoreOptions, releaseOwnership: () => void): Core {
  const clock = options.clock ?? systemClock
  let opened: OpenedDatabase = first.opened
  const listeners = new Set<CoreEventListener>()
  const emit: EventSink = (name, data) => {
    const event = { name, data } as CoreEvent
    for (const listener of listeners) listener(event)
  }
  let services: Services
  // Without an OS store (the headless host) the key comes from CAIRN_AI_API_KEY.
  const secrets = options.platform?.secrets ?? new EnvSecretStore()
  let checkpointer: Checkpointer | null = null
  // One OCR thread for the core's life: a restore swaps the services, not the engine.
  const ocrEngine: OcrEngine | null = options.ocr ? tesseractEngine(options.ocr) : null
  // Backups and exports, one after another on one thread for the core's life (src/core/runtime/threadTask.ts).
  const taskThread: TaskThread | null = options.checkpointer ? startTaskThread(options.checkpointer) : null
  const useCheckpointer = (): void => {
    if (!options.checkpointer || opened.readOnly) return
    opened.db.pragma(`wal_autocheckpoint = ${SAFETY_NET_CHECKPOINT_PAGES}`)
    if (checkpointer) checkpointer.resume()
    else checkpointer = startCheckpointer(opened.path, options.checkpointer)
  }

  // Services hold statements prepared on one connection, so a restore builds a fresh set on the new one.
  const backups: BackupManager = new BackupManager({
    dataDir: options.dataDir,
    clock,
    emit,
    db: () => opened.db,
    settings: () => services.settings,
    ...(taskThread ? { taskThread } : {}),
    replaceDatabase(swap) {
      services.scheduler.stop()
      // The item in hand is aborted and goes back to the queue (or is recovered at the next start).
      void services.aiWork.stop()
      void services.ocr.stop()
      void services.embedding.stop()
      services.capture.stop()
      services.chat.abortAll()
      services.messages.flushAll()
      // No other connection may hold the file while it is swapped.
      checkpointer?.pause()
      closeDatabase(opened.db)
      const { setAsidePath, undo } = swap()
      try {
        opened = openDatabase(options.dataDir, options)
      } catch (error) {
        undo()
        opened = openDatabase(options.dataDir, options)
        start()
        useCheckpointer()
        throw error
      }
      start()
      useCheckpointer()
      // The restored data (and the start-up jobs' writes) go into the main file now, not at the next quit.
      checkpointFull(opened.db)
      return { setAsidePath, schemaVersion: opened.schemaVersion }
    },
  })

  const transfer = new TransferManager({
    dataDir: options.dataDir,
    databasePath: () => opened.path,
    db: () => opened.db,
    clock,
    emit,
    settingChanged: (key) => emit('settings.changed', { key, value: services.settings.get({ key }).value }),
    ...(taskThread ? { taskThread } : {}),
  })

  let description: ReturnType<typeof describeContract> | null = null
  let dispatch: ReturnType<typeof createDispatcher>
  const start = (): void => {
    services = createServices({ db: opened.db, clock, emit }, [backups.dailyJob()], {
      secrets,
      aiTuning: options.aiTuning,
      dataDir: options.dataDir,
      platform: options.platform,
      ocrEngine,
    })
    try {
      services.messages.recoverUnfinished()
    } catch (error) {
      // On a read-only file nothing can be marked; reads still work and writes say why they cannot.
      if (!isReadOnlyError(error)) throw error
    }
    const sqliteVersion = String(opened.db.prepare('SELECT sqlite_version()').pluck().get())
    const handlers = createHandlers(services, {
      system: {
        describe: () => (description ??= describeContract()),
        health: () => ({
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
          readOnly: opened.readOnly,
          recovery: first.recovery,
        }),
      },
      backups,
      transfer,
    })
    dispatch = createDispatcher(handlers, options)
    services.scheduler.start()
    if (!opened.readOnly) services.aiWork.start()
    if (!opened.readOnly) services.ocr.start()
    if (!opened.readOnly && options.embedInBackground !== false) services.embedding.start()
    services.capture.start()
  }
  start()
  useCheckpointer()

  return {
    dispatch: (method, params) => dispatch(method, params),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dataDir: options.dataDir,
    get databasePath() {
      return opened.path
    },
    get schemaVersion() {
      return opened.schemaVersion
    },
    close() {
      if (!opened.db.open) return
      services.scheduler.stop()
      // The item in hand is aborted and goes back to the queue (or is recovered at the next start).
      void services.aiWork.stop()
      void services.ocr.stop()
      void services.embedding.stop()
      void ocrEngine?.close()
      void taskThread?.close()
      services.capture.stop()
      // Answers being written stop here; the next start marks them interrupted (recoverUnfinished).
      services.chat.abortAll()
      services.messages.flushAll()
      listeners.clear()
      try {
        // The final FULL checkpoint is the writer's own, with no other connection in the way.
        checkpointer?.stop()
        closeDatabase(opened.db)
      } finally {
        releaseOwnership()
      }
    },
  }
}
