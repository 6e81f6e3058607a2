import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { CaptureFrames } from '../capture/frames'
import type { EmbeddingIndexer } from '../embedding/indexer'
import type { AiPipeline } from './pipeline'
import { LOOKBACK_MS } from './planner'
import type { AiService } from './service'
import type { SecretLocation } from './secrets'

const WOULD_ADD = {
  vision:
    'A vision model describes each screenshot, so activities say what you did, not only which window was open.',
  chat: 'A chat model turns your day into activity summaries every few minutes, finds todos, gives tips and writes a daily report; and answers questions in Chat.',
  embedding: 'An embedding model lets Chat and the search palette find things by meaning, not only by words.',
} as const

const keyState = (
  set: boolean,
  location: SecretLocation,
  origin: string | null,
): MethodResult<'ai.clearApiKey'> => ({
  set,
  kind: location.kind,
  where: location.where,
  persistent: location.persistent,
  whereNote: location.note ?? null,
  origin: set ? origin : null,
})

/** The `ai.*` contract methods, answered from the runtime and the work pipeline. */
export class AiApi {
  constructor(
    private readonly ai: AiService,
    private readonly work: AiPipeline,
    private readonly frames: CaptureFrames,
    private readonly embedding: EmbeddingIndexer,
  ) {}

  /** Waits for the key to be read (from the main thread's store in the app) so the answer is never a guess. */
  async status(): Promise<MethodResult<'ai.status'>> {
    await this.ai.ready()
    const config = this.ai.config()
    const budget = this.ai.budgetState()
    const now = this.work.now()
    return {
      provider: config.provider,
      baseUrl: config.baseUrl,
      apiKey: keyState(config.hasApiKey, config.keyLocation, config.keyOrigin),
      purposes: config.purposes,
      running: [...this.work.runnable()],
      budget,
      queue: this.work.queue.counts(),
      undescribedFrames: this.frames.undescribedSince(now - LOOKBACK_MS),
      problems: this.work.queue.problems(50).map((item) => ({
        id: item.id,
        kind: item.kind,
        key: item.dedupeKey.slice(0, 200),
        status: item.status,
        attempts: item.attempts,
        maxAttempts: item.maxAttempts,
        lastError: item.lastError.slice(0, 2_000),
        note: item.lastNote,
        runAfter: item.runAfter,
        updatedAt: item.updatedAt,
      })),
      lastError: this.ai.latestError(),
      meaningIndex: this.embedding.progress(),
      wouldAdd: (['vision', 'chat', 'embedding'] as const)
        .filter((purpose) => !config.purposes[purpose].configured)
        .map((purpose) => WOULD_ADD[purpose]),
    }
  }

  testConnection(input: MethodInput<'ai.testConnection'>): Promise<MethodResult<'ai.testConnection'>> {
    return this.ai.testConnection(input)
  }

  async setApiKey(input: MethodInput<'ai.setApiKey'>): Promise<MethodResult<'ai.setApiKey'>> {
    const location = await this.ai.setApiKey(input.key, { withoutKeyring: input.withoutKeyring })
    // Work refused for the old key, or waiting for one, gets its chance with the new key now.
    this.work.queue.wakeWaiting()
    this.work.planNow()
    this.embedding.poke()
    return keyState(true, location, this.ai.config().keyOrigin)
  }

  async clearApiKey(): Promise<MethodResult<'ai.clearApiKey'>> {
    return keyState(false, await this.ai.clearApiKey(), null)
  }

  retry(input: MethodInput<'ai.retry'>): MethodResult<'ai.retry'> {
    const retried = this.work.queue.retry(input.id)
    if (retried) this.work.runner.poke()
    return { id: input.id, retried }
  }

  /** Queues what is due and gives waiting work (back-off, budget, missing model) a try now. */
  processNow(): MethodResult<'ai.processNow'> {
    this.work.queue.wakeWaiting()
    this.embedding.poke()
    return { queued: this.work.planNow() }
  }
}
