import type Database from 'better-sqlite3'
import type { AiProcessor } from '../../shared/contract/domains/aiSettings'
import { DAY_MS, HOUR_MS } from '../platform/clock'
import { writeTransaction } from '../services/sql'
import type { WorkQueue } from '../work/queue'

const MINUTE_MS = 60_000

export interface PlanSettings {
  /** Processors that are on and whose model is configured: only their work is queued. */
  runnable: ReadonlySet<AiProcessor>
  visionIntervalSeconds: number
  activityIntervalMinutes: number
  tipsIntervalMinutes: number
  dailyReportHour: number
}

/** How far back new work is looked for: AI turned on today does not describe a year of old frames. */
export const LOOKBACK_MS = 2 * DAY_MS
const REPORT_LOOKBACK_DAYS = 7

/** "2025-01-15" for the machine's local day starting at `dayStart`. */
export function localDayKey(dayStart: number): string {
  const date = new Date(dayStart)
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}

export function localDayStart(time: number, daysBack = 0): number {
  const date = new Date(time)
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysBack).getTime()
}

/**
 * Decides what background work is due and queues it. Every key is deterministic (a frame's id, a window's
 * start, a day), so planning again — after a restart, every minute — never queues anything twice.
 */
export class WorkPlanner {
  private readonly statements

  constructor(
    private readonly db: Database.Database,
    private readonly queue: WorkQueue,
  ) {
    this.statements = {
      undescribed: db.prepare<[number], { id: number; captured_at: number; display_id: string }>(
        `SELECT c.id, c.captured_at, c.display_id FROM captures c
         WHERE c.captured_at >= ? AND c.image_deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM capture_contexts x WHERE x.capture_id = c.id)
           AND NOT EXISTS (SELECT 1 FROM work_items w WHERE w.kind = 'vision' AND w.dedupe_key = CAST(c.id AS TEXT))
         ORDER BY c.captured_at LIMIT 500`,
      ),
      earlierInPeriod: db
        .prepare<[string, number, number], number>(
          'SELECT 1 FROM captures WHERE display_id = ? AND captured_at >= ? AND captured_at < ? LIMIT 1',
        )
        .pluck(),
      sampleOut: db.prepare<[number, number]>(
        `INSERT INTO capture_contexts (capture_id, described_at, model, app, summary, details)
         SELECT id, ?, '', app_name, '', '{"sampledOut":true}' FROM captures WHERE id = ?
         ON CONFLICT (capture_id) DO NOTHING`,
      ),
      lastWindowEnd: db
        .prepare<[string], number | null>(
          "SELECT max(CAST(json_extract(payload, '$.to') AS INTEGER)) FROM work_items WHERE kind = ?",
        )
        .pluck(),
      captureWindows: db
        .prepare<{ since: number; end: number; size: number }, number>(
          `SELECT DISTINCT captured_at - captured_at % @size FROM captures
           WHERE captured_at >= @since AND captured_at < @end ORDER BY 1 LIMIT 200`,
        )
        .pluck(),
      unfinished: db
        .prepare<[string, number, number], number>(
          `SELECT count(*) FROM work_items WHERE kind = ? AND status IN ('queued', 'running')
           AND CAST(json_extract(payload, '$.at') AS INTEGER) >= ? AND CAST(json_extract(payload, '$.at') AS INTEGER) < ?`,
        )
        .pluck(),
      latestActivityWindow: db
        .prepare<{ since: number; end: number; size: number }, number | null>(
          `SELECT max(start_at - start_at % @size) FROM activities WHERE start_at >= @since AND start_at < @end`,
        )
        .pluck(),
      capturedIn: db
        .prepare<[number, number], number>(
          'SELECT count(*) FROM (SELECT 1 FROM captures WHERE captured_at >= ? AND captured_at < ? LIMIT 1)',
        )
        .pluck(),
    }
  }

  /** Queues what is due at `now`; returns how many items were added. */
  plan(now: number, settings: PlanSettings): number {
    // One transaction for the whole pass: hundreds of enqueues cost one commit, not one each.
    return writeTransaction(this.db, () => this.planInTransaction(now, settings))
  }

  private planInTransaction(now: number, settings: PlanSettings): number {
    let added = 0
    const enqueue = (kind: string, key: string, payload: Record<string, string | number>): void => {
      if (this.queue.offer(kind, key, payload)) added += 1
    }
    if (settings.runnable.has('vision')) this.planVision(now, settings, enqueue)
    if (settings.runnable.has('activities')) this.planActivities(now, settings, enqueue)
    if (settings.runnable.has('tips')) this.planTips(now, settings, enqueue)
    if (settings.runnable.has('dailyReport')) this.planReports(now, settings, enqueue)
    return added
  }

  /**
   * The first frame of each display in each vision period is described; the others are marked sampled out
   * (their app and window title still feed the summary). Periods are fixed in time, so the choice is the same
   * whenever it is made.
   */
  private planVision(
    now: number,
    settings: PlanSettings,
    enqueue: (kind: string, key: string, payload: Record<string, string | number>) => void,
  ): void {
    const period = settings.visionIntervalSeconds * 1_000
    const sampledOut: number[] = []
    for (const frame of this.statements.undescribed.all(now - LOOKBACK_MS)) {
      const start = frame.captured_at - (frame.captured_at % period)
      if (this.statements.earlierInPeriod.get(frame.display_id, start, frame.captured_at))
        sampledOut.push(frame.id)
      else enqueue('vision', String(frame.id), { captureId: frame.id, at: frame.captured_at })
    }
    for (const id of sampledOut) this.statements.sampleOut.run(now, id)
  }

  /** One summary per closed window that has frames, in order, once the frames in it are described. */
  private planActivities(
    now: number,
    settings: PlanSettings,
    enqueue: (kind: string, key: string, payload: Record<string, string | number>) => void,
  ): void {
    const size = settings.activityIntervalMinutes * MINUTE_MS
    const since = Math.max(this.statements.lastWindowEnd.get('activity') ?? 0, now - LOOKBACK_MS)
    const end = now - (now % size)
    for (const from of this.statements.captureWindows.all({ since, end, size })) {
      const start = Math.max(from, since)
      // Wait for the window's frames to be described; later windows wait behind it so summaries stay in order.
      // (Only while vision runs: work left from a vision model since removed must not hold summaries back.)
      if (
        settings.runnable.has('vision') &&
        (this.statements.unfinished.get('vision', start, from + size) ?? 0)
      ) {
        return
      }
      enqueue('activity', String(start), { from: start, to: from + size, at: start })
    }
  }

  /** One round of tips for the latest closed tips window with activities. */
  private planTips(
    now: number,
    settings: PlanSettings,
    enqueue: (kind: string, key: string, payload: Record<string, string | number>) => void,
  ): void {
    const size = settings.tipsIntervalMinutes * MINUTE_MS
    const end = now - (now % size)
    const since = Math.max(this.statements.lastWindowEnd.get('tips') ?? 0, end - size)
    const from = this.statements.latestActivityWindow.get({ since, end, size })
    if (from === null || from === undefined) return
    if (
      settings.runnable.has('activities') &&
      (this.statements.unfinished.get('activity', from, from + size) ?? 0)
    ) {
      return
    }
    enqueue('tips', String(from), { from, to: from + size, at: from })
  }

  /** A report for each recent finished day with frames, from the report hour of the day after on. */
  private planReports(
    now: number,
    settings: PlanSettings,
    enqueue: (kind: string, key: string, payload: Record<string, string | number>) => void,
  ): void {
    const today = localDayStart(now)
    const firstDay = now >= today + settings.dailyReportHour * HOUR_MS ? 1 : 2
    for (let back = firstDay; back <= REPORT_LOOKBACK_DAYS; back += 1) {
      const from = localDayStart(now, back)
      const to = localDayStart(now, back - 1)
      if (!this.statements.capturedIn.get(from, to)) continue
      if (settings.runnable.has('vision') && (this.statements.unfinished.get('vision', from, to) ?? 0))
        continue
      if (
        settings.runnable.has('activities') &&
        (this.statements.unfinished.get('activity', from, to) ?? 0)
      ) {
        continue
      }
      enqueue('dailyReport', localDayKey(from), { day: localDayKey(from), from, to, at: from })
    }
  }
}
