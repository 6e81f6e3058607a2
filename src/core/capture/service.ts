import { CAPTURE_LIMITS } from '../../shared/contract/domains/capture'
import type { CaptureStatus } from '../../shared/contract/domains/capture'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import { AppError } from '../../shared/contract/errors'
import type { TimerHandle } from '../platform/clock'
import type { Platform, PowerState } from '../platform/types'
import type { ServiceContext } from '../services/context'
import type { MonitoringService } from '../services/monitoring'
import type { SettingsService } from '../services/settings'
import { CaptureQueries } from './queries'
import { CapturePipeline } from './pipeline'
import type { TickResult } from './pipeline'
import type { ScreenAvailability } from './frame'
import type { ExclusionRules } from './privacy'
import { compileExclusions } from './privacy'
import { localDayStart, outsideRecordingTime } from './schedule'
import { CAPTURE_REASONS } from '../../shared/captureReasons'

export const NO_SCREEN_REASON = CAPTURE_REASONS.noScreenSource
export const CAPTURE_OFF_REASON = CAPTURE_REASONS.turnedOff
const OFF_ERROR = 'Screen capture is off: turn it on first (Settings → Capture, or the first-run guide).'

const POWER_REASONS: Record<Exclude<PowerState, 'active'>, string> = {
  locked: CAPTURE_REASONS.screenLocked,
  suspended: CAPTURE_REASONS.computerAsleep,
  idle: CAPTURE_REASONS.idle,
}

export const SCREEN_TIMEOUT_MS = 30_000

/** A tick this many intervals after the last frame, while capture should be running, means it has gone stale. */
const STALE_INTERVALS = 3

export interface CaptureServiceOptions {
  dataDir: string
  settings: SettingsService
  monitoring: MonitoringService
  platform: Platform
  /** Told of each stored frame inside the transaction that stores it. */
  onStored?: (captureId: number) => void
  /** Told after each tick that stored frames, outside any transaction. */
  afterStored?: () => void
}

/**
 * The capture schedule: every `capture.intervalSeconds` it asks the platform's screen source for frames, unless
 * paused (by the person, the recording hours and weekdays, or the OS: locked, asleep, idle), and hands them to
 * the pipeline. Every tick leaves a capture_ticks row, so a gap in the record always has its reason.
 */
export class CaptureService {
  private readonly pipeline: CapturePipeline
  private readonly queries: CaptureQueries
  private timer: TimerHandle | null = null
  private started = false
  private startedAt = 0
  private running: Promise<TickResult[]> | null = null
  private lastPause: string | null = null
  private lastFailure: string | null = null
  /** What the screen source last said about seeing the screen; null until asked. */
  private lastAvailability: ScreenAvailability | null = null

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: CaptureServiceOptions,
  ) {
    this.pipeline = new CapturePipeline({
      db: ctx.db,
      clock: ctx.clock,
      dataDir: options.dataDir,
      exclusions: () => compileExclusions(this.exclusionRules()),
      ...(options.onStored ? { onStored: options.onStored } : {}),
      onStage: (stage, durationMs, ok) => {
        if (stage === 'capture.dedupe') this.recordStage('dedupe', durationMs, ok)
        else this.recordStage('capture.write', durationMs, ok)
      },
    })
    this.queries = new CaptureQueries(ctx.db)
  }

  private exclusionRules(): ExclusionRules {
    const { settings } = this.options
    return {
      apps: settings.value('capture.excludedApps'),
      titles: settings.value('capture.excludedTitlePatterns'),
    }
  }

  get available(): boolean {
    return this.options.platform.screen !== undefined
  }

  /** The person turned capture on; nothing is scheduled or taken while this is false. */
  private get enabled(): boolean {
    return this.options.settings.value('capture.enabled')
  }

  private intervalMs(): number {
    return this.options.settings.value('capture.intervalSeconds') * 1000
  }

  /**
   * Starts the service: the schedule runs only once the person has turned capture on. Without a screen source
   * there is nothing to schedule and the status says why.
   */
  start(): void {
    this.carryOverConsent()
    if (this.started || !this.available) return
    this.started = true
    this.startedAt = this.ctx.clock.now()
    this.schedule()
    // The status should say at once when the OS will not let Cairn see the screen, even while capture is off.
    void this.checkAvailability()
      .then(() => this.ctx.emit('capture.status', { status: this.status() }))
      .catch(() => undefined)
  }

  /**
   * Upgrade path: a data folder that captured before Cairn asked for consent keeps capturing. It is recognised
   * by ticks recorded while capture.enabled was never stored; the consent time is the first tick's. A new folder
   * has no ticks (nothing ticks while off), so it stays off. Runs once: afterwards capture.enabled is stored.
   */
  private carryOverConsent(): void {
    const { settings } = this.options
    try {
      if (settings.isStored('capture.enabled')) return
      const first = this.queries.firstTickAt()
      if (first === null) return
      settings.record('capture.consentedAt', first)
      settings.record('capture.enabled', true)
      if (!settings.isStored('ui.firstRunDone')) settings.record('ui.firstRunDone', true)
    } catch {
      // A read-only file keeps its old behaviour for this run: nothing can be recorded, and capture stays off.
    }
  }

  private async checkAvailability(): Promise<ScreenAvailability> {
    const screen = this.options.platform.screen
    let availability: ScreenAvailability = { available: true, reason: '' }
    if (screen?.availability) {
      try {
        availability = await screen.availability()
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        availability = { available: false, reason: reason.slice(0, 500) || CAPTURE_REASONS.sourceFailed }
      }
    }
    this.lastAvailability = availability
    return availability
  }

  stop(): void {
    this.started = false
    if (this.timer !== null) this.ctx.clock.clearTimer(this.timer)
    this.timer = null
  }

  /** Reschedules on a new interval or a resume, and tells clients the status (pause shows at once). */
  settingChanged(key: string): void {
    if (!key.startsWith('capture.')) return
    if (key === 'capture.enabled') {
      if (this.enabled) {
        const now = this.ctx.clock.now()
        this.options.settings.record('capture.consentedAt', now)
        // Stalling is counted from when it was turned on, not from a frame taken before it was off.
        this.startedAt = now
      }
      if (this.running === null) this.schedule()
    } else if (
      this.started &&
      this.running === null &&
      (key === 'capture.intervalSeconds' || key === 'capture.paused')
    ) {
      this.schedule()
    }
    this.ctx.emit('capture.status', { status: this.status() })
  }

  /** Resolves when the tick in progress (if any) has finished: for tests and a clean shutdown. */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined)
  }

  private schedule(): void {
    if (this.timer !== null) this.ctx.clock.clearTimer(this.timer)
    this.timer = null
    if (!this.started || !this.enabled) return
    this.timer = this.ctx.clock.setTimer(() => {
      this.timer = null
      void this.tick(false)
        .catch(() => undefined)
        .finally(() => this.schedule())
    }, this.intervalMs())
  }

  private outsideSchedule(): string | null {
    const { settings } = this.options
    return outsideRecordingTime(
      this.ctx.clock.now(),
      settings.value('capture.recordingHours'),
      settings.value('capture.weekdays'),
    )
  }

  /** Why capture should not run now, or null; the person's pause, the recording hours, then the OS. */
  private async pauseReason(manual: boolean): Promise<string | null> {
    const { settings, platform } = this.options
    if (!manual) {
      if (settings.value('capture.paused')) return CAPTURE_REASONS.pausedByYou
      const outside = this.outsideSchedule()
      if (outside !== null) return outside
    }
    if (!platform.power) return null
    let state: PowerState
    try {
      state = await platform.power.state(settings.value('capture.idleMinutes') * 60)
    } catch {
      // Not knowing the power state is no reason to stop capturing.
      return null
    }
    return state === 'active' ? null : POWER_REASONS[state]
  }

  private tick(manual: boolean): Promise<TickResult[]> {
    const previous = this.running ?? Promise.resolve([])
    const run = previous.catch(() => []).then(() => this.runTick(manual))
    this.running = run
    void run.finally(() => {
      if (this.running === run) this.running = null
    })
    return run
  }

  private async runTick(manual: boolean): Promise<TickResult[]> {
    const screen = this.options.platform.screen
    if (!screen) throw new AppError('UNAVAILABLE', NO_SCREEN_REASON)
    // Checked here too, not only when scheduling: a tick queued behind one in progress may find it turned off.
    if (!this.enabled) {
      if (manual) throw new AppError('FAILED_PRECONDITION', OFF_ERROR)
      return []
    }
    const pause = await this.pauseReason(manual)
    this.lastPause = pause
    let results: TickResult[]
    const availability = pause === null ? await this.checkAvailability() : null
    if (pause !== null) {
      results = [this.pipeline.recordSkip('paused', pause)]
    } else if (availability !== null && !availability.available) {
      // The screen source is never asked (no OS prompt each tick); the gap keeps the reason.
      results = [this.pipeline.recordSkip('failed', availability.reason)]
    } else {
      const displays = this.options.settings.value('capture.displays')
      const started = performance.now()
      try {
        // The rules go along so the screen source need not compress a frame they drop (the pipeline still checks).
        const frames = await this.withTimeout(
          screen.capture(displays.length > 0 ? displays : null, { exclusions: this.exclusionRules() }),
        )
        this.recordStage('capture', performance.now() - started, true)
        results =
          frames.length === 0
            ? [this.pipeline.recordSkip('failed', CAPTURE_REASONS.noFrames)]
            : this.pipeline.process(frames)
      } catch (error) {
        this.recordStage('capture', performance.now() - started, false)
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500)
        results = [this.pipeline.recordSkip('failed', reason || CAPTURE_REASONS.sourceFailed)]
      }
    }
    const failure = results.find((result) => result.outcome === 'failed')
    if (failure) this.lastFailure = failure.reason
    else if (results.some((result) => result.outcome !== 'paused')) this.lastFailure = null
    this.countFrames(results)
    if (results.some((result) => result.outcome === 'captured')) this.options.afterStored?.()
    this.ctx.emit('capture.status', { status: this.status() })
    return results
  }

  /**
   * A screen source that never answers would stop every later tick (they run one after another): after
   * SCREEN_TIMEOUT_MS the tick fails with that reason and the schedule goes on.
   */
  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: TimerHandle | null = null
    const timeout = new Promise<never>((_, reject) => {
      timer = this.ctx.clock.setTimer(
        () => reject(new Error(`the screen source did not answer within ${SCREEN_TIMEOUT_MS / 1000} s`)),
        SCREEN_TIMEOUT_MS,
      )
    })
    return Promise.race([work, timeout]).finally(() => {
      if (timer !== null) this.ctx.clock.clearTimer(timer)
    })
  }

  private recordStage(stageName: string, durationMs: number, ok: boolean): void {
    try {
      // Whole milliseconds, as the monitoring tables keep them.
      this.options.monitoring.recordStageTiming({ stageName, durationMs: Math.round(durationMs), ok })
    } catch {
      // Monitoring must never cost a frame.
    }
  }

  private countFrames(results: TickResult[]): void {
    for (const outcome of ['captured', 'excluded', 'unchanged'] as const) {
      const count = results.filter((result) => result.outcome === outcome).length
      if (count === 0) continue
      try {
        this.options.monitoring.recordDataStats({ dataType: 'frames', contextType: outcome, count })
      } catch {
        // As above: counting is best effort.
      }
    }
  }

  async captureNow(): Promise<MethodResult<'capture.captureNow'>> {
    if (!this.available) return { available: false, reason: NO_SCREEN_REASON, ticks: [] }
    if (!this.enabled) throw new AppError('FAILED_PRECONDITION', OFF_ERROR)
    const ticks = await this.tick(true)
    const availability = this.lastAvailability
    if (availability && !availability.available) {
      return { available: false, reason: availability.reason, ticks }
    }
    return { available: true, reason: '', ticks }
  }

  status(): CaptureStatus {
    const now = this.ctx.clock.now()
    const { settings } = this.options
    const intervalSeconds = settings.value('capture.intervalSeconds')
    const last = this.queries.lastTimes()
    const paused = settings.value('capture.paused')
    const enabled = this.enabled
    const seen = this.lastAvailability
    const base = {
      enabled,
      consentedAt: settings.value('capture.consentedAt'),
      permission: seen?.permission ?? null,
      available: this.available && seen?.available !== false,
      paused,
      intervalSeconds,
      lastFrameAt: last.frame,
      lastCaptureAt: last.capture,
      lastTickAt: last.tick,
      lastFailure: this.lastFailure,
      today: this.queries.countsSince(localDayStart(now)),
    }
    if (!this.available) return { ...base, state: 'unavailable', reason: NO_SCREEN_REASON }
    if (seen && !seen.available) return { ...base, state: 'unavailable', reason: seen.reason }
    if (!enabled) return { ...base, state: 'off', reason: CAPTURE_OFF_REASON }
    if (paused) return { ...base, state: 'paused', reason: CAPTURE_REASONS.pausedByYou }
    const outside = this.outsideSchedule()
    if (outside !== null) return { ...base, state: 'paused', reason: outside }
    if (this.lastPause !== null && last.tick !== null && now - last.tick <= 2 * intervalSeconds * 1000) {
      return { ...base, state: 'paused', reason: this.lastPause }
    }
    const since = Math.max(last.frame ?? 0, this.startedAt)
    if (this.started && now - since > STALE_INTERVALS * intervalSeconds * 1000) {
      const reason = this.lastFailure
        ? `no screenshot for ${Math.round((now - since) / 1000)} s: ${this.lastFailure}`
        : `no screenshot for ${Math.round((now - since) / 1000)} s`
      return { ...base, state: 'stale', reason }
    }
    return { ...base, state: 'running', reason: '' }
  }

  gaps(input: MethodInput<'capture.gaps'>): MethodResult<'capture.gaps'> {
    return this.queries.gaps(input.from, input.to, this.ctx.clock.now(), this.intervalMs() * STALE_INTERVALS)
  }

  async displays(): Promise<MethodResult<'capture.displays'>> {
    const chosen = this.options.settings.value('capture.displays')
    const screen = this.options.platform.screen
    const listed = screen?.displays ? await screen.displays() : []
    // A chosen display that is unplugged now still shows, so it can be unchosen.
    const known = new Set(listed.map((display) => display.id))
    const items = [
      ...listed,
      ...chosen.filter((id) => !known.has(id)).map((id) => ({ id, label: `${id} (not connected)` })),
    ].map((display) => ({ ...display, chosen: chosen.includes(display.id) }))
    return { items: items.slice(0, CAPTURE_LIMITS.displays * 2), all: chosen.length === 0 }
  }

  storage(): MethodResult<'capture.storage'> {
    const days = this.queries.storageByDay(30)
    const recent = days.slice(0, 14)
    const dailyBytes = recent.length
      ? Math.round(recent.reduce((sum, day) => sum + day.bytes, 0) / recent.length)
      : 0
    const retentionDays = this.options.settings.value('capture.retentionDays')
    return {
      days,
      storedBytes: this.queries.storedBytes(),
      dailyBytes,
      retentionDays,
      budgetBytes: this.options.settings.value('capture.maxStorageMb') * 1024 * 1024,
      projectedBytes: dailyBytes * retentionDays,
    }
  }

  list(input: MethodInput<'capture.list'>): MethodResult<'capture.list'> {
    return this.queries.list(input)
  }

  image(input: MethodInput<'capture.image'>): MethodResult<'capture.image'> {
    return this.queries.image(this.options.dataDir, input)
  }
}
