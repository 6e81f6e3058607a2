import type Database from 'better-sqlite3'
import fs from 'node:fs'
import type { CaptureGap, CaptureItem, CaptureStatus } from '../../shared/contract/domains/capture'
import { AppError } from '../../shared/contract/errors'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import { required } from '../services/sql'
import { FrameTextQueries } from '../ocr/frameText'
import { resolveStoredImage } from './imageStore'
import type { TickOutcome } from './pipeline'
import { CAPTURE_REASONS } from '../../shared/captureReasons'

/** Images larger than this are not sent as data URLs (a 4K PNG can be); the row still says what it was. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024
/** Enough gaps for a day of 15-second ticks alternating outcomes would be far more; a day view needs fewer. */
const MAX_GAPS = 500

interface CaptureRow {
  id: number
  captured_at: number
  display_id: string
  path: string
  format: 'jpeg' | 'png' | 'webp'
  bytes: number
  app_name: string
  window_title: string
  image_deleted_at: number | null
}

interface TickRow {
  at: number
  outcome: TickOutcome
  reason: string
}

const toItem = (row: CaptureRow): CaptureItem => ({
  id: row.id,
  capturedAt: row.captured_at,
  displayId: row.display_id,
  path: row.path,
  appName: row.app_name,
  windowTitle: row.window_title,
  format: row.format,
  bytes: row.bytes,
  imageAvailable: row.image_deleted_at === null,
})

const SEEN: ReadonlySet<TickOutcome> = new Set(['captured', 'unchanged'])
const NOTHING_RECORDED = CAPTURE_REASONS.nothingRecorded

/** Reads over captures and capture_ticks for the status, the Timeline's gaps and the image viewer. */
export class CaptureQueries {
  private readonly statements

  private readonly frameText: FrameTextQueries

  constructor(db: Database.Database) {
    this.frameText = new FrameTextQueries(db)
    this.statements = {
      firstTick: db.prepare<[], { at: number }>('SELECT at FROM capture_ticks ORDER BY at, id LIMIT 1'),
      lastTick: db.prepare<[], { at: number }>(
        'SELECT at FROM capture_ticks ORDER BY at DESC, id DESC LIMIT 1',
      ),
      lastOf: db.prepare<[string, string, string], { at: number }>(
        'SELECT at FROM capture_ticks WHERE outcome IN (?, ?, ?) ORDER BY at DESC, id DESC LIMIT 1',
      ),
      counts: db.prepare<[number], { outcome: TickOutcome; count: number }>(
        'SELECT outcome, count(*) AS count FROM capture_ticks WHERE at >= ? GROUP BY outcome',
      ),
      ticks: db.prepare<[number, number], TickRow>(
        'SELECT at, outcome, reason FROM capture_ticks WHERE at >= ? AND at < ? ORDER BY at, id',
      ),
      storageByDay: db.prepare<[number], { day: string; bytes: number; frames: number }>(
        `SELECT strftime('%Y-%m-%d', captured_at / 1000, 'unixepoch') AS day,
                coalesce(sum(bytes), 0) AS bytes, count(*) AS frames
           FROM captures WHERE image_deleted_at IS NULL
          GROUP BY day ORDER BY day DESC LIMIT ?`,
      ),
      storedBytes: db
        .prepare<[], number>('SELECT coalesce(sum(bytes), 0) FROM captures WHERE image_deleted_at IS NULL')
        .pluck(),
      list: db.prepare<[number, number, number, number], CaptureRow>(
        'SELECT * FROM captures WHERE captured_at >= ? AND captured_at < ? ORDER BY captured_at, id LIMIT ? OFFSET ?',
      ),
      count: db
        .prepare<[number, number], number>(
          'SELECT count(*) FROM captures WHERE captured_at >= ? AND captured_at < ?',
        )
        .pluck(),
      get: db.prepare<[number], CaptureRow>('SELECT * FROM captures WHERE id = ?'),
      byPath: db.prepare<[string], CaptureRow>('SELECT * FROM captures WHERE path = ?'),
    }
  }

  /** When the first tick was recorded, or null in a folder that never captured. */
  firstTickAt(): number | null {
    return this.statements.firstTick.get()?.at ?? null
  }

  lastTimes(): { tick: number | null; frame: number | null; capture: number | null } {
    return {
      tick: this.statements.lastTick.get()?.at ?? null,
      frame: this.statements.lastOf.get('captured', 'unchanged', 'excluded')?.at ?? null,
      capture: this.statements.lastOf.get('captured', 'captured', 'captured')?.at ?? null,
    }
  }

  countsSince(from: number): CaptureStatus['today'] {
    const today = { captured: 0, unchanged: 0, excluded: 0, paused: 0, failed: 0 }
    for (const row of this.statements.counts.all(from)) today[row.outcome] = row.count
    return today
  }

  /**
   * Spans of [from, to) in which no frame was kept. Ticks taken at one moment (several displays) count as one:
   * the moment is covered when any display was seen. Consecutive uncovered moments with the same outcome and
   * reason make one gap; a silence longer than `silenceMs` between ticks is a gap of its own ("none").
   */
  /** Bytes and frames of stored images per UTC day (the captures/ folder's days), newest first. */
  /** Bytes and frames of stored images per UTC day (the captures/ folder's days), newest first. */
  storageByDay(limit: number): { day: string; bytes: number; frames: number }[] {
    return this.statements.storageByDay.all(limit)
  }

  storedBytes(): number {
    return this.statements.storedBytes.get() ?? 0
  }

  gaps(from: number, to: number, now: number, silenceMs: number): MethodResult<'capture.gaps'> {
    const moments: { at: number; outcome: TickOutcome; reason: string }[] = []
    for (const tick of this.statements.ticks.iterate(from, to)) {
      const last = moments.at(-1)
      if (last && last.at === tick.at) {
        if (SEEN.has(tick.outcome)) Object.assign(last, { outcome: tick.outcome, reason: '' })
        continue
      }
      moments.push({ at: tick.at, outcome: tick.outcome, reason: tick.reason })
    }
    const gaps: CaptureGap[] = []
    let open: CaptureGap | null = null
    const close = (at: number): void => {
      if (open) {
        open.to = at
        gaps.push(open)
      }
      open = null
    }
    moments.forEach((moment, index) => {
      const previous = moments[index - 1]
      if (previous && moment.at - previous.at > silenceMs) {
        close(previous.at)
        gaps.push({ from: previous.at, to: moment.at, outcome: 'none', reason: NOTHING_RECORDED })
      }
      if (SEEN.has(moment.outcome)) return close(moment.at)
      const outcome = moment.outcome as CaptureGap['outcome']
      const current = open as CaptureGap | null
      if (current && current.outcome === outcome && current.reason === moment.reason) return
      close(moment.at)
      open = { from: moment.at, to: moment.at, outcome, reason: moment.reason }
    })
    // The record runs up to now at most: the future has no gaps yet.
    const end = Math.max(from, Math.min(to, now))
    const lastAt = moments.at(-1)?.at
    const silentEnd = lastAt !== undefined && end - lastAt > silenceMs
    if (open) close(silentEnd || lastAt === undefined ? (lastAt ?? end) : Math.max(end, lastAt))
    if (lastAt !== undefined && silentEnd) {
      gaps.push({ from: lastAt, to: end, outcome: 'none', reason: NOTHING_RECORDED })
    }
    return { gaps: gaps.slice(0, MAX_GAPS), truncated: gaps.length > MAX_GAPS }
  }

  list(input: MethodInput<'capture.list'>): MethodResult<'capture.list'> {
    return {
      items: this.statements.list.all(input.from, input.to, input.limit, input.offset).map(toItem),
      total: this.statements.count.get(input.from, input.to) ?? 0,
    }
  }

  image(dataDir: string, input: MethodInput<'capture.image'>): MethodResult<'capture.image'> {
    const row =
      input.id !== undefined
        ? required(this.statements.get.get(input.id), 'capture', input.id)
        : this.statements.byPath.get(input.path ?? '')
    if (!row) throw new AppError('NOT_FOUND', 'No screenshot is stored under that path.')
    const { id } = row
    const said = this.frameText.of(id)
    if (row.image_deleted_at !== null) return { id, dataUrl: null, deletedAt: row.image_deleted_at, ...said }
    // The stored path is data: resolved through links, and refused when it leads outside the data folder.
    const file = resolveStoredImage(dataDir, row.path)
    let size: number
    try {
      if (file === null) throw new Error('missing')
      size = fs.statSync(file).size
    } catch {
      // Removed by hand or by a crash mid-retention: the row stays, the picture is gone.
      return { id, dataUrl: null, deletedAt: null, ...said }
    }
    if (size > MAX_IMAGE_BYTES) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `That screenshot is ${Math.round(size / 1048576)} MB, over the 8 MB a view may load.`,
      )
    }
    const data = fs.readFileSync(file)
    return {
      id,
      dataUrl: `data:image/${row.format};base64,${data.toString('base64')}`,
      deletedAt: null,
      ...said,
    }
  }
}
