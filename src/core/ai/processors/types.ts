import type { ServiceContext } from '../../services/context'
import type { Services } from '../../runtime/services'
import type { WorkOutcome } from '../../work/runner'
import type { WorkItem } from '../../work/queue'
import type { AiEndpoint } from '../runtime'

/** What every processor is handed: the services it writes through, and the endpoint it may call. */
export interface ProcessorContext {
  ctx: ServiceContext
  services: Pick<Services, 'activities' | 'todos' | 'tips' | 'vaults' | 'monitoring'>
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
