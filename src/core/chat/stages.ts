import type { CHAT_STAGE_STATUSES } from '../../shared/contract/domains/chat'
import type { JsonObject } from '../../shared/contract/common'
import { englishOf } from '../../shared/coreNotes'
import type { CoreNote } from '../../shared/coreNotes'
import type { ThinkingService } from '../services/thinking'

type StageStatus = (typeof CHAT_STAGE_STATUSES)[number]

const english = (said: readonly CoreNote[]): string => said.map(englishOf).join(' ')
const notesJson = (said: readonly CoreNote[]): JsonObject[] =>
  said.map((one) => ({ code: one.code, params: { ...one.params } }))

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

  /** Starts a stage; what it does is said by notes (sentences), stored in English and by code in metadata.notes. */
  start(stage: string, said: readonly CoreNote[], metadata: JsonObject = {}): void {
    this.current = { stage, startedAt: this.elapsed() }
    this.thinking.add({
      messageId: this.messageId,
      stage,
      content: english(said),
      progress: 0,
      metadata: { ...metadata, status: 'running', notes: notesJson(said) },
    })
  }

  /** Ends the running stage; returns its duration in milliseconds. */
  end(status: Exclude<StageStatus, 'running'>, said: readonly CoreNote[], metadata: JsonObject = {}): number {
    const current = this.current
    if (!current) return 0
    this.current = null
    const durationMs = Math.max(0, Math.round(this.elapsed() - current.startedAt))
    this.thinking.add({
      messageId: this.messageId,
      stage: current.stage,
      content: english(said),
      progress: status === 'done' || status === 'skipped' ? 1 : 0,
      metadata: { ...metadata, status, durationMs, notes: notesJson(said) },
    })
    return durationMs
  }
}
