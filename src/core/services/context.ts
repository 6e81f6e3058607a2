import type Database from 'better-sqlite3'
import type { EventData, EventName } from '../../shared/contract/events'
import type { Clock } from '../platform/clock'

export type EventSink = <E extends EventName>(name: E, data: EventData<E>) => void

/** What every service needs from the core: the one writer connection, the time, and a way to tell clients. */
export interface ServiceContext {
  db: Database.Database
  clock: Clock
  emit: EventSink
}
