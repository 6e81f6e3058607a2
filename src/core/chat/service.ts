import { performance } from 'node:perf_hooks'
import type { ChatSource } from '../../shared/contract/domains/chat'
import type { Message } from '../../shared/contract/domains/messages'
import { AppError } from '../../shared/contract/errors'
import { englishOf, note } from '../../shared/coreNotes'
import type { CoreNote } from '../../shared/coreNotes'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { AiEndpoint, AiRuntime } from '../ai/runtime'
import { LlmAbortedError, LlmError } from '../llm/client'
import type { ServiceContext } from '../services/context'
import type { ConversationService } from '../services/conversations'
import type { MonitoringService } from '../services/monitoring'
import type { ThinkingService } from '../services/thinking'
import { HISTORY_MESSAGES, buildPrompt } from './prompt'
import { rankByMeaning } from './rerank'
import type { IndexAccess } from './rerank'
import type { Candidate, RetrievalDeps } from './retrieval'
import { findCandidates, fullText, loadSources, stillExists } from './retrieval'
import { StageLog } from './stages'
import { VectorIndex } from './vectorIndex'

export interface ChatDeps extends RetrievalDeps {
  thinking: ThinkingService
  monitoring: MonitoringService
  conversations: ConversationService
}

/** A conversation started without a name is named after its first question, cut to this length. */
export const TITLE_CHARS = 60

export function titleFromQuestion(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim()
  if (line.length <= TITLE_CHARS) return line
  // Cut at a word boundary, unless that would leave too little.
  const cut = line.slice(0, TITLE_CHARS - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

export const NOT_CONFIGURED = englishOf(note('chatNotConfigured'))

interface Run {
  controller: AbortController
}

const elapsed = () => performance.now()
const since = (start: number) => Math.max(0, Math.round(performance.now() - start))

function describeFailure(error: unknown): CoreNote {
  if (error instanceof LlmError) return error.note
  if (error instanceof AppError) return note('chatFailed', { detail: error.message })
  return note('chatUnexpected', { detail: error instanceof Error ? error.message : String(error) })
}

/**
 * Chat with context: a question becomes a streaming answer built on what the person has saved. Retrieval
 * (FTS over every kind, optionally re-ranked by embeddings) and generation run in the background after
 * chat.send has answered; each stage is written to message_thinking as it happens, the text streams through
 * the message machinery (messages.delta, batched writes), and the sources used are kept on the answer.
 */
export class ChatService {
  private readonly runs = new Map<number, Run>()
  /** The sqlite-vec index of the embedding model in use, once opened. */
  private vectors: { model: string; index: VectorIndex | null } | null = null

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deps: ChatDeps,
    private readonly runtime: AiRuntime,
  ) {}

  status(): MethodResult<'chat.status'> {
    const chat = this.runtime.endpoint('chat')
    const embedding = this.runtime.endpoint('embedding')
    const said = !chat
      ? note('chatNotConfigured')
      : embedding
        ? note('chatAnswersFromRanked', { model: chat.model, embeddingModel: embedding.model })
        : note('chatAnswersFrom', { model: chat.model })
    return {
      configured: chat !== null,
      chatModel: chat?.model ?? null,
      embeddingModel: embedding?.model ?? null,
      message: englishOf(said),
      note: said,
    }
  }

  send(input: MethodInput<'chat.send'>): MethodResult<'chat.send'> {
    const userMessage = this.deps.messages.create({
      conversationId: input.conversationId,
      role: 'user',
      content: input.content,
      parentMessageId: input.parentMessageId,
      metadata: {},
    })
    if (this.deps.conversations.get({ id: input.conversationId }).title.trim() === '') {
      this.deps.conversations.update({ id: input.conversationId, title: titleFromQuestion(input.content) })
    }
    const chat = this.runtime.endpoint('chat')
    if (!chat) return { userMessage, assistantMessage: null, notice: NOT_CONFIGURED }
    return { userMessage, assistantMessage: this.start(userMessage, chat), notice: null }
  }

  retry(input: MethodInput<'chat.retry'>): MethodResult<'chat.retry'> {
    const previous = this.deps.messages.get({ id: input.messageId })
    if (
      previous.role !== 'assistant' ||
      (previous.status !== 'failed' && previous.status !== 'interrupted')
    ) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `Message ${previous.id} is a ${previous.status} ${previous.role} message; only a failed or stopped answer can be retried.`,
      )
    }
    const question =
      previous.parentMessageId === null ? null : this.deps.messages.get({ id: previous.parentMessageId })
    if (!question || question.role !== 'user') {
      throw new AppError('FAILED_PRECONDITION', `Message ${previous.id} does not answer a question of yours.`)
    }
    const chat = this.runtime.endpoint('chat')
    if (!chat) return { assistantMessage: null, notice: NOT_CONFIGURED }
    return { assistantMessage: this.start(question, chat), notice: null }
  }

  interrupt(input: MethodInput<'chat.interrupt'>): MethodResult<'chat.interrupt'> {
    // Abort first: the request stops even if the message was already ended some other way.
    this.runs.get(input.messageId)?.controller.abort()
    return this.deps.messages.interrupt({ id: input.messageId })
  }

  /** Aborts every request in flight (the core is closing; the next start marks their messages interrupted). */
  abortAll(): void {
    for (const run of this.runs.values()) run.controller.abort()
  }

  private start(question: Message, chat: AiEndpoint): Message {
    const answer = this.deps.messages.startStream({
      conversationId: question.conversationId,
      role: 'assistant',
      parentMessageId: question.id,
      metadata: { model: chat.model },
    })
    const controller = new AbortController()
    // The answer starts after this call has returned, so the caller has both messages before any event.
    this.runs.set(answer.id, { controller })
    void new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.answer(question, answer, chat, controller.signal))
      .finally(() => this.runs.delete(answer.id))
    return answer
  }

  private async answer(
    question: Message,
    answer: Message,
    chat: AiEndpoint,
    signal: AbortSignal,
  ): Promise<void> {
    const started = elapsed()
    const stages = new StageLog(this.deps.thinking, answer.id, elapsed)
    let generationStart: number | null = null
    try {
      const candidates = await this.retrieve(question, stages, signal)
      if (signal.aborted) throw new LlmAbortedError()
      const sources = loadSources(this.deps, candidates)
      const previous = this.deps.messages.list({
        conversationId: question.conversationId,
        before: question.id,
        limit: HISTORY_MESSAGES,
      }).items
      const cited: ChatSource[] = sources.map((item) => item.source)
      stages.start('generation', [note('chatAsking', { model: chat.model })], {
        model: chat.model,
        sources: cited,
      })
      generationStart = elapsed()
      const result = await chat.client.chatStream(
        { model: chat.model, messages: buildPrompt(question.content, previous, sources) },
        (text) => {
          try {
            this.deps.messages.appendChunk({ id: answer.id, chunk: text })
          } catch {
            // The message was stopped or deleted elsewhere (messages.interrupt, messages.delete): stop asking.
            this.runs.get(answer.id)?.controller.abort()
          }
        },
        { signal },
      )
      if (signal.aborted) throw new LlmAbortedError()
      this.deps.monitoring.recordStageTiming({
        stageName: 'chat',
        durationMs: since(generationStart),
        ok: true,
      })
      const tokens = result.usage?.completionTokens ?? 0
      stages.end('done', [note('chatTokensFrom', { count: tokens, model: result.model })], {
        model: result.model,
        promptTokens: result.usage?.promptTokens ?? 0,
        completionTokens: tokens,
      })
      this.deps.messages.finish({
        id: answer.id,
        tokenCount: tokens,
        latencyMs: since(started),
        metadata: { model: result.model, sources: cited, finishReason: result.finishReason },
      })
    } catch (error) {
      this.end(answer.id, stages, error, signal, generationStart === null ? null : since(generationStart))
    }
  }

  /** Stage "retrieval" (and "embedding" when a model for it is set): the candidates, best first. */
  private async retrieve(question: Message, stages: StageLog, signal: AbortSignal): Promise<Candidate[]> {
    stages.start('retrieval', [note('chatSearching')])
    const retrievalStart = elapsed()
    const found = findCandidates(this.deps, question.content, question.conversationId)
    this.deps.monitoring.recordStageTiming({
      stageName: 'retrieval',
      durationMs: since(retrievalStart),
      ok: true,
    })
    stages.end(
      'done',
      [
        found.keywords.length === 0
          ? note('chatNothingToSearch')
          : note('chatMatches', { count: found.candidates.length, keywords: found.keywords.join(', ') }),
      ],
      { keywords: found.keywords, matches: found.candidates.length },
    )
    const embedding = this.runtime.endpoint('embedding')
    if (!embedding || found.candidates.length < 2 || signal.aborted) return found.candidates
    stages.start('embedding', [note('chatRanking', { model: embedding.model })])
    const embedStart = elapsed()
    try {
      const ranked = await rankByMeaning(
        embedding,
        question.content,
        found.candidates,
        signal,
        this.indexAccess(embedding.model),
        this.ctx.clock.now(),
        (candidate) => fullText(this.deps, candidate.hit),
      )
      const candidates = ranked.candidates.filter((candidate) => {
        if (candidate.matched > 0 || stillExists(this.deps, candidate.hit)) return true
        this.vectors?.index?.forget(candidate.hit.kind, candidate.hit.id)
        return false
      })
      this.deps.monitoring.recordStageTiming({ stageName: 'embed', durationMs: since(embedStart), ok: true })
      const parts = [
        note('chatRanked', { count: found.candidates.length }),
        note('chatEmbedded', { count: ranked.embedded, reused: ranked.reused }),
      ]
      const related = candidates.length - found.candidates.length
      if (related > 0) parts.push(note('chatRelated', { count: related }))
      if (ranked.indexProblem) parts.push(note('chatNoVectorIndex', { detail: ranked.indexProblem }))
      stages.end('done', parts, {
        embedded: ranked.embedded,
        reused: ranked.reused,
        related,
        indexed: ranked.indexProblem === null,
      })
      return candidates
    } catch (error) {
      if (signal.aborted) throw error
      this.deps.monitoring.recordStageTiming({ stageName: 'embed', durationMs: since(embedStart), ok: false })
      // Ranking by meaning is an improvement, not a requirement: the keyword order still answers.
      stages.end('failed', [note('chatRankingFailed', { detail: englishOf(describeFailure(error)) })])
      return found.candidates
    }
  }

  /** The vector index of `model`: opened on first use, kept while the model stays the same. */
  private indexAccess(model: string): IndexAccess {
    return {
      current: () => {
        if (this.vectors?.model !== model) {
          this.vectors = { model, index: VectorIndex.openExisting(this.ctx.db, model) }
        }
        return this.vectors.index
      },
      open: (dims) => {
        const index = VectorIndex.open(this.ctx.db, model, dims)
        this.vectors = { model, index }
        return index
      },
    }
  }

  /** Ends an answer that did not complete: interrupted when asked to stop, failed with the error otherwise. */
  private end(
    messageId: number,
    stages: StageLog,
    error: unknown,
    signal: AbortSignal,
    generationMs: number | null,
  ): void {
    // The core closed under the answer: the next start marks the message interrupted.
    if (!this.ctx.db.open) return
    const stopped = signal.aborted || error instanceof LlmAbortedError
    try {
      if (stopped) {
        stages.end('interrupted', [note('chatStopped')])
        this.deps.messages.interrupt({ id: messageId })
        return
      }
      const reason = describeFailure(error)
      if (generationMs !== null) {
        this.deps.monitoring.recordStageTiming({ stageName: 'chat', durationMs: generationMs, ok: false })
      }
      stages.end('failed', [reason])
      this.deps.messages.fail({ id: messageId, errorMessage: englishOf(reason).slice(0, 10_000) })
    } catch {
      // Deleted, or already ended elsewhere (a Stop racing the failure): nothing left to mark.
    }
  }
}
