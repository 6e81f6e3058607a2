import fs from 'node:fs'
import { AppError } from '../../shared/contract/errors'
import { resolveStoredImage } from '../capture/imageStore'
import { performance } from 'node:perf_hooks'
import type { ServiceContext } from '../services/context'
import type { MonitoringService } from '../services/monitoring'
import type { SettingsService } from '../services/settings'
import { DAY_MS, HOUR_MS } from '../platform/clock'
import type { TimerHandle } from '../platform/clock'
import { WorkQueue } from '../work/queue'
import { WorkRunner } from '../work/runner'
import type { WorkItem, WorkQueue as Queue } from '../work/queue'
import type { WorkOutcome } from '../work/runner'
import type { OcrEngine } from './engine'
import { closeCjkSpaces, segmentForIndex, titleExtra } from './segment'

export const OCR_KIND = 'ocr'
/** Finished OCR items are forgotten after this long; the text stays in capture_text. */
const KEEP_FINISHED_MS = 2 * DAY_MS
/** Screens larger than this are not read (a corrupt or hostile file): the frame keeps its title and app. */
const MAX_IMAGE_BYTES = 16 * 1024 * 1024

interface FrameRow {
  path: string
  image_deleted_at: number | null
  window_title: string
  app_name: string
}

export interface OcrPipelineOptions {
  dataDir: string
  settings: SettingsService
  monitoring: MonitoringService
  /** Null where no OCR thread can run (tests without the built bundle): frames are then not queued. */
  engine: OcrEngine | null
}

/**
 * On-device OCR of every stored frame, as durable work on the queue: the capture transaction that stores a
 * frame queues its item, so a frame is never forgotten, and the text is written in the transaction that marks
 * the item done, so it is never read twice. The engine reads one frame at a time in its own low-priority
 * thread; capture only inserts a row and never waits for it. A backlog simply drains later.
 */
export class OcrPipeline {
  readonly queue: Queue
  readonly runner: WorkRunner
  private readonly statements
  private pruneTimer: TimerHandle | null = null
  private started = false

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: OcrPipelineOptions,
  ) {
    this.queue = new WorkQueue(ctx.db, ctx.clock, [OCR_KIND])
    this.runner = new WorkRunner(
      this.queue,
      ctx.clock,
      { [OCR_KIND]: (item, signal) => this.read(item, signal) },
      { retryDelayMs: (attempt) => Math.min(HOUR_MS, 60_000 * attempt) },
    )
    this.statements = {
      frame: ctx.db.prepare<[number], FrameRow>(
        'SELECT path, image_deleted_at, window_title, app_name FROM captures WHERE id = ?',
      ),
      insert: ctx.db.prepare(
        `INSERT INTO capture_text (capture_id, recognized_at, languages, text, extra, words, confidence)
         VALUES (@captureId, @at, @languages, @text, @extra, @words, @confidence)
         ON CONFLICT (capture_id) DO NOTHING`,
      ),
    }
  }

  get enabled(): boolean {
    return this.options.engine !== null && this.options.settings.value('capture.ocrLanguages').length > 0
  }

  /** Queues a frame just stored; call inside the transaction that stores it. */
  offer(captureId: number): void {
    if (!this.enabled) return
    this.queue.offer(OCR_KIND, String(captureId), { captureId }, { maxAttempts: 3 })
  }

  /** Wakes the runner after frames were queued (outside the transaction). */
  poke(): void {
    if (this.started) this.runner.poke()
  }

  start(): void {
    if (this.started || this.options.engine === null) return
    this.started = true
    this.runner.start()
    this.prune()
  }

  async stop(): Promise<void> {
    this.started = false
    if (this.pruneTimer !== null) this.ctx.clock.clearTimer(this.pruneTimer)
    this.pruneTimer = null
    await this.runner.stop()
  }

  private prune(): void {
    try {
      this.queue.pruneFinished(this.ctx.clock.now() - KEEP_FINISHED_MS)
    } catch {
      // A read-only or closed database: the next hour tries again.
    }
    this.pruneTimer = this.ctx.clock.setTimer(() => this.prune(), HOUR_MS)
  }

  private async read(item: WorkItem, signal: AbortSignal): Promise<WorkOutcome> {
    const captureId = Number(item.payload.captureId)
    const frame = this.statements.frame.get(captureId)
    const languages = this.options.settings.value('capture.ocrLanguages')
    const engine = this.options.engine
    if (!frame) return { result: { skipped: 'the frame was deleted' } }
    if (frame.image_deleted_at !== null) return { result: { skipped: 'the image was deleted' } }
    if (languages.length === 0 || engine === null) return { result: { skipped: 'OCR is turned off' } }
    let image: Buffer
    try {
      // A stored path is data (an import, an old database): never read outside the data folder's captures.
      const file = resolveStoredImage(this.options.dataDir, frame.path)
      if (file === null) return { result: { skipped: 'the image file is gone' } }
      if (fs.statSync(file).size > MAX_IMAGE_BYTES) return { result: { skipped: 'the image is too large' } }
      image = fs.readFileSync(file)
    } catch (error) {
      if (error instanceof AppError) return { result: { skipped: error.message } }
      return { result: { skipped: 'the image file is gone' } }
    }
    const started = performance.now()
    const record = (ok: boolean) =>
      this.options.monitoring.recordStageTiming({
        stageName: 'ocr',
        durationMs: Math.min(86_400_000, Math.round(performance.now() - started)),
        ok,
      })
    let read
    try {
      read = await engine.recognize(image, languages, signal)
    } catch (error) {
      if (!signal.aborted) record(false)
      throw error
    }
    record(true)
    const text = segmentForIndex(closeCjkSpaces(read.text.trim()))
    const words = read.words.map(({ text: word, box }) => [closeCjkSpaces(word), ...box])
    return {
      result: { captureId, characters: text.length, words: words.length },
      write: () => {
        this.statements.insert.run({
          captureId,
          at: this.ctx.clock.now(),
          languages: languages.join('+'),
          text,
          extra: titleExtra(frame.window_title, frame.app_name),
          words: JSON.stringify(words),
          confidence: read.confidence,
        })
      },
    }
  }
}
