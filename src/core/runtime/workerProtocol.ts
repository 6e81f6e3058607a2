import type { AppErrorShape, CallResponse, SerializedCallResponse } from '../../shared/contract/errors'
import type { CoreEvent } from './createCore'
import type { PlatformDescription } from '../platform/types'
import type { PlatformReply, PlatformRequest } from '../platform/bridge'
import type { WorkerLogRecord } from './workerLog'

export interface CoreWorkerData {
  dataDir: string
  validateOutput: boolean
  /** The capabilities the parent thread holds; the worker builds a proxy that asks the parent for each call. */
  platform?: PlatformDescription
  /** This worker's own script: it runs the WAL checkpointer thread too (src/core/db/checkpointer.ts). */
  workerPath?: string
}

export type ToWorker =
  | { type: 'call'; id: number; method: string; params: unknown; serialized?: boolean }
  | { type: 'platformReply'; reply: PlatformReply }
  | { type: 'close' }

export type FromWorker =
  | { type: 'ready'; dataDir: string; databasePath: string; schemaVersion: number }
  | { type: 'fatal'; error: AppErrorShape }
  | { type: 'result'; id: number; response: CallResponse }
  | { type: 'serializedResult'; id: number; response: SerializedCallResponse }
  | { type: 'event'; event: CoreEvent }
  | { type: 'platformRequest'; request: PlatformRequest }
  | { type: 'closed' }
  | WorkerLogRecord
