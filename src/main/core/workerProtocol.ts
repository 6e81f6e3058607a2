import type { AppErrorShape, CallResponse } from '../../shared/contract/errors'
import type { CoreEvent } from './createCore'

export interface CoreWorkerData {
  dataDir: string
  validateOutput: boolean
}

export type ToWorker = { type: 'call'; id: number; method: string; params: unknown } | { type: 'close' }

export type FromWorker =
  | { type: 'ready'; dataDir: string; databasePath: string; schemaVersion: number }
  | { type: 'fatal'; error: AppErrorShape }
  | { type: 'result'; id: number; response: CallResponse }
  | { type: 'event'; event: CoreEvent }
  | { type: 'closed' }
