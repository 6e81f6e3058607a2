import path from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { runCopy } from '../backup/copyThread'
import { isCheckpointerData, runCheckpointer } from '../db/checkpointer'
import { runExport } from '../transfer/exportThread'
import { isTaskThreadData, serveTasks } from './threadTask'
import type { CallResponse } from '../../shared/contract/errors'
import { serializeCallResponse } from '../../shared/contract/errors'
import { toErrorShape } from './errorMapping'
import { createCore } from './createCore'
import type { Core } from './createCore'
import { platformProxy, platformRequester } from '../platform/bridge'
import type { CoreWorkerData, FromWorker, ToWorker } from './workerProtocol'
import { forwardConsole } from './workerLog'

/** Entry of the worker thread that owns the database, so no query ever blocks the thread that serves the UI. */
function main(): void {
  const port = parentPort
  if (!port) throw new Error('The core worker must run in a worker thread.')
  // The same script runs the WAL checkpointer's thread and the task thread (backups, exports): no second
  // worker entry to build.
  // Their console lines go up to the core worker, whose own console goes on to the parent's log file: a nested
  // thread's stderr would reach only the terminal, which nobody reads once the app is installed.
  if (isCheckpointerData(workerData) || isTaskThreadData(workerData)) {
    forwardConsole((record) => port.postMessage(record))
    if (isCheckpointerData(workerData)) return runCheckpointer(workerData)
    return serveTasks({ 'backup-copy': runCopy, export: runExport })
  }
  const post = (message: FromWorker): void => port.postMessage(message)
  // Everything the core logs goes to the parent's log file (the app's, or the host's stderr).
  forwardConsole(post)
  const options = workerData as CoreWorkerData
  const platformCalls = platformRequester((request) => post({ type: 'platformRequest', request }))
  let core: Core
  try {
    core = createCore({
      dataDir: options.dataDir,
      validateOutput: options.validateOutput,
      platform: platformProxy(options.platform ?? {}, platformCalls.send),
      ...(options.workerPath
        ? {
            checkpointer: { workerPath: options.workerPath },
            // Built beside the core worker (electron.vite.config.ts).
            ocr: { workerPath: path.join(path.dirname(options.workerPath), 'ocrWorker.js') },
          }
        : {}),
      onInternalError: (method, error) => console.error(`[cairn core] ${method} failed:`, error),
    })
  } catch (error) {
    const shape = toErrorShape(error)
    // INTERNAL tells the person the details are in the log: put them there.
    if (shape.code === 'INTERNAL') console.error('[cairn core] could not start:', error)
    post({ type: 'fatal', error: shape })
    return
  }
  core.onEvent((event) => post({ type: 'event', event }))
  const inFlight = new Set<Promise<void>>()
  port.on('message', (message: ToWorker) => {
    if (message.type === 'call') {
      const answer = (response: CallResponse): void =>
        post(
          message.serialized
            ? { type: 'serializedResult', id: message.id, response: serializeCallResponse(response) }
            : { type: 'result', id: message.id, response },
        )
      const response = core.dispatch(message.method, message.params)
      if (response instanceof Promise) {
        // Long work (a backup) answers later; calls that arrive meanwhile are answered in between its steps.
        const settled = response.then(answer)
        inFlight.add(settled)
        void settled.finally(() => inFlight.delete(settled))
      } else {
        answer(response)
      }
    } else if (message.type === 'platformReply') {
      platformCalls.settle(message.reply)
    } else {
      platformCalls.failAll('Cairn is shutting down.')
      // Calls still running (a backup) finish before the database closes, as a close promises.
      void Promise.allSettled([...inFlight]).then(() => {
        core.close()
        post({ type: 'closed' })
        port.close()
      })
    }
  })
  post({
    type: 'ready',
    dataDir: core.dataDir,
    databasePath: core.databasePath,
    schemaVersion: core.schemaVersion,
  })
}

main()
