import type Database from 'better-sqlite3'
import type { Clock } from '../platform/clock'
import { writeTransaction } from '../services/sql'
import type { ScreenFrame } from './frame'
import { framePath, removeImage, uniquePath, writeImage } from './imageStore'
import { differenceHash, hammingDistance } from './perceptualHash'
import type { ExclusionMatcher } from './privacy'

export type TickOutcome = 'captured' | 'unchanged' | 'excluded' | 'paused' | 'failed'

export interface TickResult {
  displayId: string
  outcome: TickOutcome
  reason: string
  captureId: number | null
}

export interface CapturePipelineOptions {
  db: Database.Database
  clock: Clock
  dataDir: string
  exclusions: () => ExclusionMatcher
  /** Frames at most this many bits (of 64) from a recent frame of the same display count as unchanged. */
  unchangedWithinBits?: number
  /** How many recent frames per display a new one is compared with. */
  recentFrames?: number
  /** Told how long each stage took, for monitoring. */
  onStage?: (stage: 'capture.dedupe' | 'capture.write', durationMs: number, ok: boolean) => void
  /** Runs inside the transaction that stores a frame (on-device OCR queues its work there). */
  onStored?: (captureId: number) => void
}

/**
 * What happens to frames between the screen and the disk: privacy first (an excluded window is never
 * hashed, written or kept), then near-duplicates dropped by perceptual hash, then the image written and
 * recorded. Every frame leaves a tick saying what happened to it.
 */
export class CapturePipeline {
  private readonly recent = new Map<string, string[]>()
  private readonly statements
  private readonly threshold: number
  private readonly keep: number

  constructor(private readonly options: CapturePipelineOptions) {
    const { db } = options
    this.threshold = options.unchangedWithinBits ?? 4
    this.keep = options.recentFrames ?? 5
    this.statements = {
      insertCapture: db.prepare(
        `INSERT INTO captures (captured_at, display_id, path, format, bytes, phash, app_name, window_title)
         VALUES (@capturedAt, @displayId, @path, @format, @bytes, @phash, @appName, @windowTitle)`,
      ),
      insertTick: db.prepare(
        'INSERT INTO capture_ticks (at, display_id, outcome, reason, capture_id) VALUES (?, ?, ?, ?, ?)',
      ),
      recentHashes: db
        .prepare<[string, number], string>(
          'SELECT phash FROM captures WHERE display_id = ? ORDER BY captured_at DESC, id DESC LIMIT ?',
        )
        .pluck(),
    }
  }

  /** Recent hashes of a display, loaded from the database the first time so a restart stores no duplicate. */
  private recentOf(displayId: string): string[] {
    let hashes = this.recent.get(displayId)
    if (!hashes) {
      hashes = this.statements.recentHashes.all(displayId, this.keep)
      this.recent.set(displayId, hashes)
    }
    return hashes
  }

  /** Records a tick where no frame was taken (paused, outside recording hours, the source failed). */
  recordSkip(outcome: 'paused' | 'failed', reason: string, displayId = ''): TickResult {
    writeTransaction(this.options.db, () =>
      this.statements.insertTick.run(this.options.clock.now(), displayId, outcome, reason, null),
    )
    return { displayId, outcome, reason, captureId: null }
  }

  process(frames: ScreenFrame[]): TickResult[] {
    const matcher = this.options.exclusions()
    return frames.map((frame) => this.processOne(frame, matcher))
  }

  private processOne(frame: ScreenFrame, matcher: ExclusionMatcher): TickResult {
    if (frame.withheld !== undefined) {
      return this.tick(frame.displayId, 'excluded', frame.withheld.slice(0, 500), null)
    }
    let excludedBy = matcher.match(frame.window)
    for (const window of frame.visibleWindows ?? []) excludedBy ??= matcher.match(window)
    // The source lists windows (Electron's does) but the OS gave none (it hid the list, or it failed): a private window may be on
    // screen, so the frame is not stored rather than stored unchecked.
    if (matcher.hasRules && frame.window === null && frame.visibleWindows?.length === 0) {
      excludedBy ??=
        'an empty window list (the OS listed no window, so the exclusion rules could not be checked)'
    }
    if (excludedBy !== null) return this.tick(frame.displayId, 'excluded', `excluded by ${excludedBy}`, null)

    const dedupeStarted = performance.now()
    let hash: string
    try {
      hash = differenceHash(frame.gray)
    } catch (error) {
      this.options.onStage?.('capture.dedupe', performance.now() - dedupeStarted, false)
      return this.tick(
        frame.displayId,
        'failed',
        error instanceof Error ? error.message : String(error),
        null,
      )
    }
    const recent = this.recentOf(frame.displayId)
    const closest = Math.min(64, ...recent.map((previous) => hammingDistance(previous, hash)))
    this.options.onStage?.('capture.dedupe', performance.now() - dedupeStarted, true)
    if (closest <= this.threshold) {
      return this.tick(frame.displayId, 'unchanged', `${closest} of 64 bits differ from a recent frame`, null)
    }

    const writeStarted = performance.now()
    const relativePath = uniquePath(this.options.dataDir, framePath(frame))
    try {
      writeImage(this.options.dataDir, relativePath, frame.image.data)
      const captureId = writeTransaction(this.options.db, () => {
        const id = Number(
          this.statements.insertCapture.run({
            capturedAt: frame.capturedAt,
            displayId: frame.displayId,
            path: relativePath,
            format: frame.image.format,
            bytes: frame.image.data.byteLength,
            phash: hash,
            appName: frame.window?.appName ?? '',
            windowTitle: frame.window?.title ?? '',
          }).lastInsertRowid,
        )
        this.statements.insertTick.run(this.options.clock.now(), frame.displayId, 'captured', '', id)
        this.options.onStored?.(id)
        return id
      })
      recent.unshift(hash)
      recent.length = Math.min(recent.length, this.keep)
      this.options.onStage?.('capture.write', performance.now() - writeStarted, true)
      return { displayId: frame.displayId, outcome: 'captured', reason: '', captureId }
    } catch (error) {
      // An image without its row would never be pruned: take it back.
      removeImage(this.options.dataDir, relativePath)
      this.options.onStage?.('capture.write', performance.now() - writeStarted, false)
      return this.tick(
        frame.displayId,
        'failed',
        error instanceof Error ? error.message : String(error),
        null,
      )
    }
  }

  private tick(
    displayId: string,
    outcome: TickOutcome,
    reason: string,
    captureId: number | null,
  ): TickResult {
    writeTransaction(this.options.db, () =>
      this.statements.insertTick.run(this.options.clock.now(), displayId, outcome, reason, captureId),
    )
    return { displayId, outcome, reason, captureId }
  }
}
