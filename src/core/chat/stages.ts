import type { CHAT_STAGE_STATUSES } from '../../shared/contract/domains/chat'
import type { JsonObject } from '../../shared/contract/common'
import type { ThinkingService } from '../services/thinking'

type StageStatus = (typeof CHAT_STAGE_STATUSES)[number]

/**
 * Writes the thinking stages of one answer as they happen: a row when a stage starts (progress 0, status
 * running) and one when it ends (status done, failed, skipped or interrupted, with its duration). Each row
 * is announced by thinking.added, so the UI follows along; the UI shows the newest row of each stage.
 */
export class StageLog {
  private current: { stage: string; startedAt: number } | null = null

  constructor(
    private readonly thinking: ThinkingService,
    private readonly messageId: number,
    private readonly elapsed: () => number,
  ) {}

  /** The stage running now, if any. */
  get running(): string | null {
    return this.current?.stage ?? null
  }

  start(stage: string, content: string, metadata: JsonObject = {}): void {
    this.current = { stage, startedAt: this.elapsed() }
    this.thinking.add({
      messageId: this.messageId,
      stage,
      content,
      progress: 0,
      metadata: { ...metadata, status: 'running' },
    })
  }

  /** Ends the running stage; returns its duration in milliseconds. */
  end(status: Exclude<StageStatus, 'running'>, content: string, metadata: JsonObject = {}): number {
    const current = this.current
    if (!current) return 0
    this.current = null
    const durationMs = Math.max(0, Math.round(this.elapsed() - current.startedAt))
    this.thinking.add({
      messageId: this.messageId,
      stage: current.stage,
      content,
      progress: status === 'done' || status === 'skipped' ? 1 : 0,
      metadata: { ...metadata, status, durationMs },
    })
    return durationMs
  }
}
