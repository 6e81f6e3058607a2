import { performance } from 'node:perf_hooks'
import { AI_PROCESSORS } from '../../shared/contract/domains/aiSettings'
import type { AiProcessor } from '../../shared/contract/domains/aiSettings'
import { AppError } from '../../shared/contract/errors'
import { DAY_MS, HOUR_MS } from '../platform/clock'
import type { TimerHandle } from '../platform/clock'
import type { ServiceContext } from '../services/context'
import type { SettingsService } from '../services/settings'
import { WorkQueue } from '../work/queue'
import { LlmCredentialsError, LlmError } from '../llm/client'
import { note, noteBecause } from '../../shared/coreNotes'
import { DeferWork, WorkRunner } from '../work/runner'
import type { WorkHandler, WorkRunnerOptions } from '../work/runner'
import { WorkPlanner } from './planner'
import { summariseWindow } from './processors/activity'
import { writeDailyReport } from './processors/dailyReport'
import { writeTips } from './processors/tips'
import { extractTodos } from './processors/todos'
import type { Processor, ProcessorContext, ProcessorServices } from './processors/types'
import { describeFrame } from './processors/vision'
import type { AiPurpose } from './runtime'
import type { AiService } from './service'

/** Each kind of work: the processor setting that turns it on, the model it needs and its monitoring stage. */
export const WORK_KINDS: Record<
  string,
  { processor: AiProcessor; purpose: AiPurpose; stage: string; run: Processor }
> = {
  vision: { processor: 'vision', purpose: 'vision', stage: 'vision', run: describeFrame },
  activity: { processor: 'activities', purpose: 'chat', stage: 'summarize', run: summariseWindow },
  todos: { processor: 'todos', purpose: 'chat', stage: 'todos', run: extractTodos },
  tips: { processor: 'tips', purpose: 'chat', stage: 'tips', run: writeTips },
  dailyReport: { processor: 'dailyReport', purpose: 'chat', stage: 'report', run: writeDailyReport },
}

const PLAN_EVERY_MS = 60_000
/**
 * Finished work is forgotten after this long. Planners look back at most a week (daily reports) and the
 * newest item of each kind is kept, so nothing is planned twice; a vision item per frame would otherwise
 * pile up by the million.
 */
export const KEEP_FINISHED_WORK_MS = 14 * DAY_MS
/** How long work waits before looking again when its model is not configured or its processor is off. */
const WAIT_UNCONFIGURED_MS = 10 * 60_000

export interface AiPipelineOptions {
  dataDir: string | null
  runner?: WorkRunnerOptions
}

/**
 * Background AI work on the durable queue: a planner that queues what is due every minute, and a runner that
 * works through it, each item timed into monitoring, failures retried with back-off and kept visible.
 */
export class AiPipeline {
  readonly queue: WorkQueue
  readonly runner: WorkRunner
  private readonly planner: WorkPlanner
  private timer: TimerHandle | null = null
  /**
   * Why work was put off: the spent budget, or the processors runnable at that moment (a missing model, a
   * processor turned off). When that changes, waiting work is woken instead of sleeping out its delay.
   */
  private deferredByBudget = false
  private deferredWithRunnable: string | null = null
  private started = false
  private planPending = false
  private prunedAt = 0

  constructor(
    private readonly ctx: ServiceContext,
    private readonly services: ProcessorServices,
    private readonly settings: SettingsService,
    private readonly ai: AiService,
    private readonly options: AiPipelineOptions,
  ) {
    this.queue = new WorkQueue(ctx.db, ctx.clock, Object.keys(WORK_KINDS))
    this.planner = new WorkPlanner(ctx.db, this.queue)
    const handlers: Record<string, WorkHandler> = {}
    for (const kind of Object.keys(WORK_KINDS))
      handlers[kind] = (item, signal) => this.handle(kind, item, signal)
    this.runner = new WorkRunner(this.queue, ctx.clock, handlers, {
      onError: (error) => this.ai.noteError('queue', error instanceof Error ? error.message : String(error)),
      noteOf: (error) => (error instanceof LlmError ? error.note : null),
      // Finished work often unblocks the next step (described frames → their summary): plan again at once
      // instead of at the next minute.
      onSettled: (_item, outcome) => {
        if (outcome === 'done') this.planSoon()
      },
      ...options.runner,
    })
  }

  get db() {
    return this.ctx.db
  }

  now(): number {
    return this.ctx.clock.now()
  }

  /** Processors that are turned on and whose model is configured. */
  runnable(): Set<AiProcessor> {
    const enabled = new Set(this.settings.value('ai.processors'))
    const config = this.ai.config()
    return new Set(
      AI_PROCESSORS.filter((processor) => {
        const kind = Object.values(WORK_KINDS).find((entry) => entry.processor === processor)
        return enabled.has(processor) && kind !== undefined && config.purposes[kind.purpose].configured
      }),
    )
  }

  /** Queues what is due now and wakes the runner; returns how many items were added. */
  planNow(): number {
    const added = this.planner.plan(this.ctx.clock.now(), {
      runnable: this.runnable(),
      visionIntervalSeconds: this.settings.value('ai.visionIntervalSeconds'),
      activityIntervalMinutes: this.settings.value('ai.activityIntervalMinutes'),
      tipsIntervalMinutes: this.settings.value('ai.tipsIntervalMinutes'),
      dailyReportHour: this.settings.value('ai.dailyReportHour'),
    })
    this.runner.poke()
    return added
  }

  start(): void {
    if (this.started) return
    this.started = true
    // The key may come from the main thread's store: plan once it is known.
    void this.ai.ready().then(() => {
      // The core may have closed meanwhile (a failed start, a quick quit).
      if (!this.started || !this.ctx.db.open) return
      try {
        this.runner.start()
        this.tick()
      } catch (error) {
        this.ai.noteError('queue', error instanceof Error ? error.message : String(error))
      }
    })
  }

  private tick(): void {
    this.timer = null
    if (!this.started) return
    try {
      this.wakeIfUnblocked()
      const now = this.ctx.clock.now()
      if (now - this.prunedAt >= HOUR_MS) {
        this.queue.pruneFinished(now - KEEP_FINISHED_WORK_MS)
        this.prunedAt = now
      }
      // With nothing that can run (no AI configured) there is nothing to plan: no writes every minute.
      if (this.runnable().size > 0) this.planNow()
    } catch (error) {
      this.ai.noteError('plan', error instanceof Error ? error.message : String(error))
    }
    this.timer = this.ctx.clock.setTimer(() => this.tick(), PLAN_EVERY_MS)
  }

  private planSoon(): void {
    if (this.planPending) return
    this.planPending = true
    setImmediate(() => {
      this.planPending = false
      if (!this.started || !this.ctx.db.open) return
      try {
        this.planNow()
      } catch (error) {
        this.ai.noteError('plan', error instanceof Error ? error.message : String(error))
      }
    })
  }

  private wakeIfUnblocked(): void {
    let wake = false
    if (this.deferredByBudget && !this.ai.budgetState().exhausted) {
      this.deferredByBudget = false
      wake = true
    }
    if (this.deferredWithRunnable !== null && this.deferredWithRunnable !== this.runnableKey()) {
      this.deferredWithRunnable = null
      wake = true
    }
    if (wake) this.queue.wakeWaiting()
  }

  private runnableKey(): string {
    return `${[...this.runnable()].join(',')}|${this.ai.credentialsKey()}`
  }

  async stop(): Promise<void> {
    this.started = false
    if (this.timer !== null) this.ctx.clock.clearTimer(this.timer)
    this.timer = null
    await this.runner.stop()
  }

  private async handle(kind: string, item: Parameters<WorkHandler>[0], signal: AbortSignal) {
    const spec = WORK_KINDS[kind]
    if (!spec) throw new Error(`Unknown work kind ${kind}.`)
    const now = this.ctx.clock.now()
    if (!this.settings.value('ai.processors').includes(spec.processor)) {
      this.deferredWithRunnable = this.runnableKey()
      throw new DeferWork(note('workProcessorOff'), now + WAIT_UNCONFIGURED_MS)
    }
    const endpoint = this.ai.endpoint(spec.purpose)
    if (!endpoint) {
      const reason = this.ai.config().purposes[spec.purpose].reasonNote ?? note('aiNoProvider')
      this.deferredWithRunnable = this.runnableKey()
      throw new DeferWork(noteBecause('workWaitingForAi', reason), now + WAIT_UNCONFIGURED_MS)
    }
    const budget = this.ai.budgetState()
    if (budget.note) {
      this.deferredByBudget = true
      throw new DeferWork(budget.note, budget.resetsAt)
    }
    const context: ProcessorContext = {
      ctx: this.ctx,
      services: this.services,
      dataDir: this.options.dataDir,
      enqueue: (next, key, payload) => {
        this.queue.enqueue(next, key, payload)
      },
    }
    const started = performance.now()
    const record = (ok: boolean) =>
      this.services.monitoring.recordStageTiming({
        stageName: spec.stage,
        durationMs: Math.min(86_400_000, Math.round(performance.now() - started)),
        ok,
      })
    try {
      const outcome = await spec.run(item, endpoint, context, signal)
      record(true)
      return outcome
    } catch (error) {
      if (signal.aborted) throw error
      record(false)
      const message = error instanceof Error ? error.message : String(error)
      this.ai.noteError(spec.stage, message, error instanceof LlmError ? error.note : null)
      const after = this.ai.budgetState()
      if (error instanceof AppError && error.code === 'RATE_LIMITED' && after.note) {
        this.deferredByBudget = true
        throw new DeferWork(after.note, after.resetsAt)
      }
      if (error instanceof LlmCredentialsError) {
        this.deferredWithRunnable = this.runnableKey()
        throw new DeferWork(noteBecause('workWaitingForKey', error.note), now + WAIT_UNCONFIGURED_MS)
      }
      throw error
    }
  }
}
