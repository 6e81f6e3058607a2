import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { DomainApi } from '../runtime/registry'
import type { Scheduler } from './scheduler'

/** The `jobs.*` contract methods, answered by the scheduler. */
export class JobApi implements DomainApi<'jobs'> {
  constructor(private readonly scheduler: Scheduler) {}

  list(): MethodResult<'jobs.list'> {
    return { jobs: this.scheduler.list() }
  }

  run(input: MethodInput<'jobs.run'>): ReturnType<Scheduler['run']> {
    return this.scheduler.run(input.name)
  }

  history(input: MethodInput<'jobs.history'>): MethodResult<'jobs.history'> {
    return { items: this.scheduler.history(input.name, input.limit) }
  }
}
