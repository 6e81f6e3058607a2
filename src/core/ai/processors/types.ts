import type { ServiceContext } from '../../services/context'
import type { CaptureFrames } from '../../capture/frames'
import type { ActivityService } from '../../services/activities'
import type { MonitoringService } from '../../services/monitoring'
import type { TipService } from '../../services/tips'
import type { TodoService } from '../../services/todos'
import type { VaultService } from '../../services/vaults'
import type { WorkOutcome } from '../../work/runner'
import type { WorkItem } from '../../work/queue'
import type { AiEndpoint } from '../runtime'

/** The services processors read and write through (named here, not taken from the core's list, which builds the AI). */
export interface ProcessorServices {
  activities: ActivityService
  todos: TodoService
  tips: TipService
  vaults: VaultService
  monitoring: MonitoringService
  frames: CaptureFrames
}

/** What every processor is handed: the services it writes through, and the endpoint it may call. */
export interface ProcessorContext {
  ctx: ServiceContext
  services: ProcessorServices
  dataDir: string | null
  /** Queues follow-up work inside the transaction that finishes the current item. */
  enqueue(kind: string, key: string, payload: Record<string, string | number>): void
}

export type Processor = (
  item: WorkItem,
  endpoint: AiEndpoint,
  context: ProcessorContext,
  signal: AbortSignal,
) => Promise<WorkOutcome>
