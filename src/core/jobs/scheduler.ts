import type { JsonObject } from '../../shared/contract/common'
import type { JobInfo, JobName, JobRun } from '../../shared/contract/domains/jobs'
import { AppError } from '../../shared/contract/errors'
import type { TimerHandle } from '../platform/clock'
import type { ServiceContext } from '../services/context'
import { parseJsonObject, writeTransaction } from '../services/sql'
import { isBusyError } from '../db/retry'

export interface JobDefinition {
  name: JobName
  description: string
  intervalMs: number
  runAtStartup: boolean
  /**
   * Does the work and returns what it did, recorded with the run. Throwing (or rejecting) records a failed run.
   * Long work (a backup) returns a promise and lets the worker answer other calls meanwhile.
   * A run must be safe to repeat: one that failed because the database was busy is tried again soon.
   */
  run(now: number): JsonObject | Promise<JsonObject>
}

interface JobRunRow {
  id: number
  job_name: string
  started_at: number
  finished_at: number
  ok: number
  result: string
  error: string | null
}

interface JobState {
  definition: JobDefinition
  timer: TimerHandle | null
  nextRunAt: number | null
  running: boolean
  /** Runs in a row that failed because the database was busy (another program held a lock). */
  busyFailures: number
}

const KEEP_RUNS_PER_JOB = 200
/** A run that failed on a busy database is tried again after this long, a few times, before the interval. */
export const BUSY_RETRY_MS = 30_000
export const BUSY_RETRIES = 3

const toRun = (row: JobRunRow): JobRun => ({
  id: row.id,
  jobName: row.job_name as JobName,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  ok: row.ok === 1,
  result: parseJsonObject(row.result),
  error: row.error,
})

/** Runs background jobs on their interval with the injected clock, and keeps a record of every run. */
export class Scheduler {
  private readonly jobs = new Map<JobName, JobState>()
  private readonly statements
  private started = false

  constructor(
    private readonly ctx: ServiceContext,
    definitions: JobDefinition[],
  ) {
    for (const definition of definitions) {
      this.jobs.set(definition.name, {
        definition,
        timer: null,
        nextRunAt: null,
        running: false,
        busyFailures: 0,
      })
    }
    const { db } = ctx
    this.statements = {
      insert: db.prepare(
        'INSERT INTO job_runs (job_name, started_at, finished_at, ok, result, error) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[number], JobRunRow>('SELECT * FROM job_runs WHERE id = ?'),
      last: db.prepare<[string], JobRunRow>(
        'SELECT * FROM job_runs WHERE job_name = ? ORDER BY id DESC LIMIT 1',
      ),
      history: db.prepare<[string, number], JobRunRow>(
        'SELECT * FROM job_runs WHERE job_name = ? ORDER BY id DESC LIMIT ?',
      ),
      trim: db.prepare(
        `DELETE FROM job_runs WHERE job_name = @name
           AND id <= (SELECT id FROM job_runs WHERE job_name = @name ORDER BY id DESC LIMIT 1 OFFSET @keep)`,
      ),
    }
  }

  /** Runs the start-up jobs now, then schedules every job. */
  start(): void {
    if (this.started) return
    this.started = true
    for (const state of this.jobs.values()) {
      if (!state.definition.runAtStartup) {
        this.schedule(state)
        continue
      }
      try {
        const run = this.execute(state)
        if (run instanceof Promise) run.catch(() => undefined)
      } catch {
        // The run could not be recorded (a read-only or full disk): the app still starts; the job tries again.
        state.running = false
        this.schedule(state)
      }
    }
  }

  stop(): void {
    this.started = false
    for (const state of this.jobs.values()) {
      if (state.timer !== null) this.ctx.clock.clearTimer(state.timer)
      state.timer = null
      state.nextRunAt = null
    }
  }

  private state(name: JobName): JobState {
    const state = this.jobs.get(name)
    if (!state) throw new AppError('NOT_FOUND', `No job named ${name}.`)
    return state
  }

  private schedule(state: JobState, delayMs = state.definition.intervalMs): void {
    if (state.timer !== null) this.ctx.clock.clearTimer(state.timer)
    state.timer = null
    state.nextRunAt = null
    if (!this.started) return
    state.nextRunAt = this.ctx.clock.now() + delayMs
    state.timer = this.ctx.clock.setTimer(() => {
      state.timer = null
      try {
        const run = this.execute(state)
        // A run that outlives the connection (closed at quit mid-backup) has nowhere to be recorded.
        if (run instanceof Promise) run.catch(() => undefined)
      } catch {
        // The run could not be recorded (the database busy, read-only or full); it is scheduled again already.
      }
    }, delayMs)
  }

  private execute(state: JobState): JobRun | Promise<JobRun> {
    const { definition } = state
    if (state.running) throw new AppError('CONFLICT', `Job ${definition.name} is already running.`)
    state.running = true
    const startedAt = this.ctx.clock.now()
    const describe = (failure: unknown): string =>
      failure instanceof Error ? failure.message : String(failure)
    let outcome: JsonObject | Promise<JsonObject>
    try {
      outcome = definition.run(startedAt)
    } catch (failure) {
      return this.finish(state, startedAt, {}, describe(failure), isBusyError(failure))
    }
    if (outcome instanceof Promise) {
      return outcome.then(
        (result) => this.finish(state, startedAt, result, null, false),
        (failure: unknown) => this.finish(state, startedAt, {}, describe(failure), isBusyError(failure)),
      )
    }
    return this.finish(state, startedAt, outcome, null, false)
  }

  private finish(
    state: JobState,
    startedAt: number,
    result: JsonObject,
    error: string | null,
    busy: boolean,
  ): JobRun {
    const { definition } = state
    state.running = false
    // Scheduled before the run is recorded, so a record that cannot be written does not stop the job.
    const retrySoon = busy && state.busyFailures < BUSY_RETRIES
    state.busyFailures = retrySoon ? state.busyFailures + 1 : 0
    this.schedule(state, retrySoon ? BUSY_RETRY_MS : definition.intervalMs)
    const finishedAt = this.ctx.clock.now()
    const id = writeTransaction(this.ctx.db, () => {
      const inserted = this.statements.insert.run(
        definition.name,
        startedAt,
        finishedAt,
        error === null ? 1 : 0,
        JSON.stringify(result),
        error,
      )
      this.statements.trim.run({ name: definition.name, keep: KEEP_RUNS_PER_JOB })
      return Number(inserted.lastInsertRowid)
    })
    const row = this.statements.get.get(id)
    if (!row) throw new AppError('INTERNAL', 'The job run was recorded but cannot be read back.')
    const run = toRun(row)
    this.ctx.emit('jobs.ran', { run })
    return run
  }

  run(name: JobName): JobRun | Promise<JobRun> {
    return this.execute(this.state(name))
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((state) => {
      const last = this.statements.last.get(state.definition.name)
      return {
        name: state.definition.name,
        description: state.definition.description,
        intervalMs: state.definition.intervalMs,
        running: state.running,
        lastRun: last ? toRun(last) : null,
        nextRunAt: state.nextRunAt,
      }
    })
  }

  history(name: JobName, limit: number): JobRun[] {
    this.state(name)
    return this.statements.history.all(name, limit).map(toRun)
  }
}
