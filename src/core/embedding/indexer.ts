import { LlmError } from '../llm/client'
import { performance } from 'node:perf_hooks'
import type { SearchKind } from '../../shared/contract/domains/search'
import { SEARCH_KINDS } from '../../shared/contract/domains/search'
import { AppError } from '../../shared/contract/errors'
import type { AiService } from '../ai/service'
import { textHash, VectorIndex } from '../chat/vectorIndex'
import { HOUR_MS } from '../platform/clock'
import type { TimerHandle } from '../platform/clock'
import type { ServiceContext } from '../services/context'
import type { MonitoringService } from '../services/monitoring'
import { writeTransaction } from '../services/sql'
import type { Cursor, SourceItem } from './sources'
import { EmbeddingSources } from './sources'

/** Texts sent in one embeddings call. */
export const EMBED_BATCH = 32
/** How often a finished walk looks for new and changed items. */
const LOOK_AGAIN_MS = 30_000
/** How often a stopped indexer (no model, AI off) looks whether it may run. */
const WAIT_UNCONFIGURED_MS = 60_000
const FIRST_BACK_OFF_MS = 30_000
/** After a write, the walk waits this long for more (a burst of writes, an answer streaming) before it looks. */
const WRITE_SETTLE_MS = 2_000
/** How long a count of all items is shown before it is counted again. */
const TOTAL_FRESH_MS = 15_000

/** What the background embedding is doing, for ai.status. */
export type IndexerState = 'off' | 'working' | 'upToDate' | 'budget' | 'failing' | 'unavailable'

export interface IndexProgress {
  model: string
  /** Items with a vector of this model (what chat embedded counts too). */
  embedded: number
  /** Items of every kind there are. */
  total: number
  state: IndexerState
}

/**
 * Embeds every kind of item in the background, in batches, into chat's sqlite-vec index (one per embedding
 * model). Its place in each kind is a cursor kept in the index file itself and written in the transaction
 * that stores the batch's vectors, so a crash cannot separate the two: after a restart the walk goes on from
 * the last stored batch and no text is embedded twice (an item whose text hash is already stored, by this
 * walk or by chat, is skipped). A killed process repeats at most the one call it had in flight, and keeps
 * nothing of it. Failures of the provider back off (30 s doubling to an hour); a spent budget waits for the
 * next day; tokens are counted like any other AI call (the client reports them to monitoring).
 */
export class EmbeddingIndexer {
  private readonly sources: EmbeddingSources
  private timer: TimerHandle | null = null
  private timerDue = 0
  private pokedWhileRunning: number | null = null
  private total: { at: number; count: number } | null = null
  private running: Promise<void> | null = null
  private controller: AbortController | null = null
  private started = false
  private failures = 0
  private state: IndexerState = 'off'
  /** Cursors are checked against the data once per start (a restore builds a new indexer). */
  private checkedCursors = false

  constructor(
    private readonly ctx: ServiceContext,
    private readonly ai: AiService,
    private readonly monitoring: MonitoringService,
  ) {
    this.sources = new EmbeddingSources(ctx.db)
  }

  start(): void {
    if (this.started) return
    this.started = true
    void this.ai.ready().then(() => this.schedule(0))
  }

  async stop(): Promise<void> {
    this.started = false
    if (this.timer !== null) this.ctx.clock.clearTimer(this.timer)
    this.timer = null
    this.controller?.abort()
    await this.running
  }

  /** Items were written: look for them soon, unless the walk is backing off or waiting for its budget or model. */
  written(): void {
    if (this.state === 'working' || this.state === 'upToDate') this.poke(WRITE_SETTLE_MS)
  }

  /**
   * Looks again within `delayMs` (a model or key was set, items were written): a longer wait under way is cut
   * short; a batch in hand is followed by the next one anyway.
   */
  poke(delayMs = 0): void {
    if (this.running !== null) {
      // The batch in hand may have been read before this write: look again soon after it.
      this.pokedWhileRunning = Math.min(this.pokedWhileRunning ?? delayMs, delayMs)
      return
    }
    if (this.timer !== null && this.timerDue <= this.ctx.clock.now() + delayMs) return
    this.schedule(delayMs)
  }

  /** How far the index of the configured model is, or null when no embedding model is configured. */
  progress(): IndexProgress | null {
    const endpoint = this.ai.endpoint('embedding')
    if (!endpoint) return null
    let embedded = 0
    let state = this.state
    try {
      embedded = VectorIndex.openExisting(this.ctx.db, endpoint.model)?.size() ?? 0
    } catch {
      state = 'unavailable'
    }
    const now = this.ctx.clock.now()
    // Counting a year of frames and messages costs milliseconds; the AI card asks every few seconds.
    if (this.total === null || now - this.total.at >= TOTAL_FRESH_MS)
      this.total = { at: now, count: this.sources.total() }
    const total = this.total.count
    return { model: endpoint.model, embedded: Math.min(embedded, total), total, state }
  }

  private schedule(delayMs: number): void {
    if (!this.started || !this.ctx.db.open) return
    if (this.timer !== null) this.ctx.clock.clearTimer(this.timer)
    this.timerDue = this.ctx.clock.now() + delayMs
    this.timer = this.ctx.clock.setTimer(() => {
      this.timer = null
      this.running = this.step()
        .then(
          (next) => next,
          (error: unknown) => this.failed(error),
        )
        .then((next) => {
          this.running = null
          const poked = this.pokedWhileRunning
          this.pokedWhileRunning = null
          if (next !== null) this.schedule(poked === null ? next : Math.min(next, poked))
        })
    }, delayMs)
  }

  private failed(error: unknown): number {
    const message = error instanceof Error ? error.message : String(error)
    this.ai.noteError('embed', message, error instanceof LlmError ? error.note : null)
    this.state = 'failing'
    this.failures += 1
    return Math.min(HOUR_MS, FIRST_BACK_OFF_MS * 2 ** (this.failures - 1))
  }

  /** One batch; answers how long to wait before the next (null: stopped). */
  private async step(): Promise<number | null> {
    if (!this.started || !this.ctx.db.open) return null
    const endpoint = this.ai.endpoint('embedding')
    if (!endpoint) {
      this.state = 'off'
      return WAIT_UNCONFIGURED_MS
    }
    const budget = this.ai.budgetState()
    if (budget.exhausted) {
      this.state = 'budget'
      return Math.max(1_000, budget.resetsAt - this.ctx.clock.now())
    }
    const { model } = endpoint
    let index: VectorIndex | null
    try {
      index = VectorIndex.openExisting(this.ctx.db, model)
      this.ensureCursorTable()
    } catch (error) {
      // sqlite-vec cannot be loaded here: nothing to keep vectors in.
      this.ai.noteError('embed', error instanceof Error ? error.message : String(error))
      this.state = 'unavailable'
      return HOUR_MS
    }
    const batch = this.nextBatch(model)
    if (batch.items.length === 0) {
      this.state = 'upToDate'
      return LOOK_AGAIN_MS
    }
    this.state = 'working'
    const hashed = batch.items.map((item) => ({ item, hash: textHash(item.text) }))
    const known = index?.lookup(hashed.map(({ item, hash }) => ({ hit: item.hit, hash }))) ?? new Map()
    const missing = hashed.filter(
      ({ item }) => !known.has(`${item.hit.kind}:${item.hit.id}`) && item.text.trim() !== '',
    )
    let vectors: number[][] = []
    if (missing.length > 0) {
      this.controller = new AbortController()
      const started = performance.now()
      const record = (ok: boolean) =>
        this.monitoring.recordStageTiming({
          stageName: 'embed',
          durationMs: Math.min(86_400_000, Math.round(performance.now() - started)),
          ok,
        })
      try {
        vectors = (
          await endpoint.client.embed(
            model,
            missing.map(({ item }) => item.text),
            { signal: this.controller.signal },
          )
        ).vectors
        record(true)
      } catch (error) {
        if (this.controller.signal.aborted) return null
        record(false)
        if (error instanceof AppError && error.code === 'RATE_LIMITED' && this.ai.budgetState().exhausted) {
          this.state = 'budget'
          return Math.max(1_000, this.ai.budgetState().resetsAt - this.ctx.clock.now())
        }
        throw error
      } finally {
        this.controller = null
      }
      // The model changed while the call was out: these vectors belong to no index in use.
      if (!this.started || this.ai.endpoint('embedding')?.model !== model) return 0
      index ??= VectorIndex.open(this.ctx.db, model, vectors[0]?.length ?? 0)
    }
    const target = index
    writeTransaction(this.ctx.db, () => {
      target?.store(
        missing.map(({ item, hash }, at) => ({ hit: item.hit, hash, vector: vectors[at] ?? [] })),
        this.ctx.clock.now(),
      )
      this.saveCursors(model, batch.cursors)
    })
    this.failures = 0
    // New items were walked: the count shown beside them is counted again.
    this.total = null
    return 0
  }

  /** The next items of every kind after their cursors, at most one batch, and where each kind then stands. */
  private nextBatch(model: string): { items: SourceItem[]; cursors: Map<SearchKind, Cursor> } {
    const stored = this.cursors(model)
    if (!this.checkedCursors) {
      this.checkedCursors = true
      const forget = this.ctx.db.prepare('DELETE FROM vectors.embed_cursors WHERE model = ? AND kind = ?')
      for (const [kind, cursor] of stored) {
        if (!this.sources.beyondData(kind, cursor)) continue
        forget.run(model, kind)
        stored.delete(kind)
      }
    }
    const items: SourceItem[] = []
    const cursors = new Map<SearchKind, Cursor>()
    for (const kind of SEARCH_KINDS) {
      const room = EMBED_BATCH - items.length
      if (room <= 0) break
      const found = this.sources.after(kind, stored.get(kind) ?? { version: -1, id: -1 }, room)
      const last = found.at(-1)
      if (last) cursors.set(kind, last.cursor)
      items.push(...found)
    }
    return { items, cursors }
  }

  private ensureCursorTable(): void {
    this.ctx.db.exec(`CREATE TABLE IF NOT EXISTS vectors.embed_cursors (
      model TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL, id INTEGER NOT NULL,
      PRIMARY KEY (model, kind)) STRICT`)
  }

  private cursors(model: string): Map<SearchKind, Cursor> {
    const rows = this.ctx.db
      .prepare<[string], { kind: SearchKind; version: number; id: number }>(
        'SELECT kind, version, id FROM vectors.embed_cursors WHERE model = ?',
      )
      .all(model)
    return new Map(rows.map((row) => [row.kind, { version: row.version, id: row.id }]))
  }

  private saveCursors(model: string, cursors: Map<SearchKind, Cursor>): void {
    // Another model's walk belongs to an index that opening this one has dropped.
    this.ctx.db.prepare('DELETE FROM vectors.embed_cursors WHERE model <> ?').run(model)
    const save = this.ctx.db.prepare(
      'INSERT OR REPLACE INTO vectors.embed_cursors (model, kind, version, id) VALUES (?, ?, ?, ?)',
    )
    for (const [kind, cursor] of cursors) save.run(model, kind, cursor.version, cursor.id)
  }
}
