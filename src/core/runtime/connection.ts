import { Worker } from 'node:worker_threads'
import { restrictUmask } from '../platform/privateFiles'
import type { CallResponse, SerializedCallResponse } from '../../shared/contract/errors'
import { AppError, serializeCallResponse } from '../../shared/contract/errors'
import type { Core, CoreEvent, CoreEventListener } from './createCore'
import type { Platform } from '../platform/types'
import { answerPlatformRequest, describePlatform } from '../platform/bridge'
import { checkInputShape } from './inputShape'
import type { CoreWorkerData, FromWorker, ToWorker } from './workerProtocol'
import type { WorkerLogRecord } from './workerLog'
import { printWorkerLog } from './workerLog'

/** How a transport (IPC, WebSocket) reaches the core, wherever the core runs. */
export interface CoreConnection {
  call(method: string, params: unknown): Promise<CallResponse>
  /** The same call with its result left as JSON text, for transports that pass it on (IPC, the host). */
  callSerialized(method: string, params: unknown): Promise<SerializedCallResponse>
  onEvent(listener: CoreEventListener): () => void
  readonly dataDir: string
  readonly schemaVersion: number
  /** Waits for calls already sent, then closes the database cleanly. */
  close(): Promise<void>
  /**
   * Stops a worker at once, without waiting for its calls or closing the database (SQLite's journal keeps the
   * file safe; the next start checks it): for a core that no longer answers when the app must quit.
   */
  terminate?(): Promise<void>
}

/** The core on the calling thread: for tests and tools, never for the Electron main thread. */
export function connectInProcess(core: Core): CoreConnection {
  return {
    call: (method, params) => Promise.resolve(core.dispatch(method, params)),
    callSerialized: (method, params) =>
      Promise.resolve(core.dispatch(method, params)).then(serializeCallResponse),
    onEvent: (listener) => core.onEvent(listener),
    dataDir: core.dataDir,
    schemaVersion: core.schemaVersion,
    close: () => {
      core.close()
      return Promise.resolve()
    },
  }
}

export interface WorkerCoreOptions extends Omit<CoreWorkerData, 'platform'> {
  /** The real capabilities (Electron's screen, power state...); the worker reaches them through messages. */
  platform?: Platform
  /** The built worker entry (out/main/coreWorker.js), or the TypeScript source with a loader in execArgv. */
  workerPath: string
  execArgv?: string[]
  /** Where the worker's console lines go (the desktop app's log file); stderr when not given. */
  log?: (record: WorkerLogRecord) => void
  /** Called once if the worker dies after it was ready (a crash, not a close): the shell restarts it. */
  onExit?: (reason: string) => void
}

/** Starts the core in a worker thread; resolves once the database is open and migrated. */
export function startCoreWorker(options: WorkerCoreOptions): Promise<CoreConnection> {
  // The worker cannot set the umask itself; SQLite's WAL and everything else it writes inherits this one.
  restrictUmask()
  const platform = options.platform ?? {}
  const worker = new Worker(options.workerPath, {
    workerData: {
      dataDir: options.dataDir,
      validateOutput: options.validateOutput,
      platform: describePlatform(platform),
      workerPath: options.workerPath,
    } satisfies CoreWorkerData,
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  })
  const pending = new Map<number, (response: CallResponse | SerializedCallResponse) => void>()
  const listeners = new Set<CoreEventListener>()
  let nextId = 1
  let closing: Promise<void> | null = null
  let exited = false

  const failAll = (message: string): void => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'UNAVAILABLE', message } })
    pending.clear()
  }

  let reportedCrash = false
  const crashed = (reason: string): void => {
    if (reportedCrash) return
    reportedCrash = true
    options.onExit?.(reason)
  }

  return new Promise((resolve, reject) => {
    let ready = false
    const send = (message: ToWorker): void => worker.postMessage(message)
    const request = (
      method: string,
      params: unknown,
      serialized: boolean,
    ): Promise<CallResponse | SerializedCallResponse> => {
      if (closing || exited) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNAVAILABLE', message: 'Cairn is shutting down.' },
        })
      }
      // Checked before postMessage: structured clone throws on deep nesting, and that used to end the host.
      const shapeProblem = checkInputShape(params)
      if (shapeProblem) return Promise.resolve({ ok: false, error: shapeProblem })
      const id = nextId++
      return new Promise((settle) => {
        pending.set(id, settle)
        try {
          send({ type: 'call', id, method, params, serialized })
        } catch {
          // Whatever else cannot be cloned (it did not come from JSON) fails this call only.
          pending.delete(id)
          settle({
            ok: false,
            error: { code: 'INVALID_INPUT', message: 'Invalid input: it cannot be sent to the core.' },
          })
        }
      })
    }

    worker.on('error', (error) => {
      if (!ready) reject(error)
      else if (!closing) crashed(`the core stopped with an error: ${error.message}`)
      failAll('The Cairn core stopped unexpectedly.')
    })
    worker.on('exit', (code) => {
      exited = true
      if (ready && !closing) crashed(`the core exited (code ${code})`)
      if (!ready) reject(new AppError('UNAVAILABLE', 'The Cairn core exited before it was ready.'))
      failAll('The Cairn core is not running.')
    })
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready': {
          ready = true
          resolve({
            call: (method, params) => request(method, params, false) as Promise<CallResponse>,
            callSerialized: (method, params) =>
              request(method, params, true) as Promise<SerializedCallResponse>,
            onEvent(listener) {
              listeners.add(listener)
              return () => listeners.delete(listener)
            },
            dataDir: message.dataDir,
            schemaVersion: message.schemaVersion,
            close() {
              closing ??= new Promise<void>((done) => {
                if (exited) return done()
                worker.once('exit', () => done())
                // Messages are handled in order, so every call sent before this one is answered first.
                send({ type: 'close' })
              })
              return closing
            },
            async terminate() {
              closing ??= Promise.resolve()
              if (!exited) await worker.terminate()
            },
          })
          break
        }
        case 'fatal':
          reject(new AppError(message.error.code, message.error.message))
          void worker.terminate()
          break
        case 'result':
        case 'serializedResult': {
          const settle = pending.get(message.id)
          pending.delete(message.id)
          settle?.(message.response)
          break
        }
        case 'event':
          for (const listener of listeners) listener(message.event as CoreEvent)
          break
        case 'platformRequest':
          void answerPlatformRequest(platform, message.request).then((reply) => {
            if (!exited) send({ type: 'platformReply', reply })
          })
          break
        case 'closed':
          break
        case 'log':
          if (options.log) options.log(message)
          else printWorkerLog('cairn core', message)
          break
      }
    })
  })
}
