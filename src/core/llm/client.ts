import { createParser } from 'eventsource-parser'
import { AppError } from '../../shared/contract/errors'
import type { ErrorCode } from '../../shared/contract/errors'
import { englishOf, note } from '../../shared/coreNotes'
import type { CoreNote, CoreNoteCode, CoreNoteParams } from '../../shared/coreNotes'
import { backoffDelay, isRetryableStatus, retryAfterMs } from './retry'
import { Semaphore } from './semaphore'
import type { CallOptions, ChatRequest, ChatResult, EmbeddingResult, Usage } from './types'

export interface LlmClientOptions {
  /** The OpenAI-compatible base URL, e.g. https://api.openai.com/v1 (see presets.ts). */
  baseUrl: string
  apiKey?: string
  /** Per attempt; for streams, the longest silence allowed between two chunks. */
  timeoutMs?: number
  maxRetries?: number
  concurrency?: number
  baseDelayMs?: number
  maxDelayMs?: number
  retryAfterCapMs?: number
  random?: () => number
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Called before every request; throws (e.g. RATE_LIMITED when the daily token budget is spent) to stop it. */
  beforeCall?: () => void
  /** Told every model's token usage, for monitoring and the budget. */
  onUsage?: (model: string, usage: Usage) => void
}

interface Attempt {
  response: Response
  /** Aborts the request this attempt belongs to (timeout or caller). */
  controller: AbortController
  clearTimer: () => void
}

const DEFAULTS = {
  timeoutMs: 60_000,
  maxRetries: 3,
  concurrency: 2,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  retryAfterCapMs: 60_000,
}

export class LlmAbortedError extends AppError {
  constructor() {
    super('FAILED_PRECONDITION', 'The request to the AI provider was interrupted.')
    this.name = 'LlmAbortedError'
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(new LlmAbortedError())
      },
      { once: true },
    )
  })
}

function toUsage(value: unknown): Usage | null {
  if (typeof value !== 'object' || value === null) return null
  const usage = value as { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown }
  const prompt = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : 0
  const completion = typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0
  const total = typeof usage.total_tokens === 'number' ? usage.total_tokens : prompt + completion
  return { promptTokens: prompt, completionTokens: completion, totalTokens: total }
}

/**
 * The error an OpenAI-compatible API gives ({"error": {"message": ...}}). Anything else is not echoed: the base
 * URL may point at some other server (an intranet page, an admin console), whose body must not come back.
 */
async function providerMessage(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).slice(0, 2_000)
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string }
    const message = typeof body.error === 'string' ? body.error : body.error?.message
    if (typeof message === 'string') return message.slice(0, 500)
  } catch {
    // Not JSON: not an answer of an OpenAI-compatible API.
  }
  return 'the answer is not from an OpenAI-compatible API'
}

/** A failure of the provider or of the way to it, with its note (code and params) for a window to translate. */
export class LlmError extends AppError {
  readonly note: CoreNote

  constructor(code: ErrorCode, noteCode: CoreNoteCode, params: CoreNoteParams = {}) {
    const said = note(noteCode, params)
    super(code, englishOf(said))
    this.name = 'LlmError'
    this.note = said
  }
}

/** The provider refused the key (401/403): asking again with the same key cannot succeed. */
export class LlmCredentialsError extends LlmError {
  constructor(status: number, message: string) {
    super('FAILED_PRECONDITION', 'llmRefusedCredentials', { status, detail: message })
    this.name = 'LlmCredentialsError'
  }
}

function statusError(status: number, message: string): AppError {
  if (status === 401 || status === 403) return new LlmCredentialsError(status, message)
  if (status === 429) return new LlmError('RATE_LIMITED', 'llmRateLimited', { detail: message })
  if (status >= 500 || status === 408)
    return new LlmError('UNAVAILABLE', 'llmFailed', { status, detail: message })
  return new LlmError('FAILED_PRECONDITION', 'llmRejected', { status, detail: message })
}

type Malformed =
  | 'llmMalformedAnswer'
  | 'llmMalformedNoContent'
  | 'llmMalformedNoStream'
  | 'llmMalformedStreamEvent'
  | 'llmMalformedEmbeddings'
  | 'llmMalformedVector'
  | 'llmMalformedModelList'
const malformed = (what: Malformed) => new LlmError('UNAVAILABLE', what)

/**
 * One client for every OpenAI-compatible provider: chat (plain, streamed, with images), embeddings and a
 * connection test, with timeouts, retries that honour Retry-After, a concurrency limit and usage reporting.
 */
export class LlmClient {
  private readonly options: Required<Omit<LlmClientOptions, 'apiKey' | 'beforeCall' | 'onUsage'>> &
    Pick<LlmClientOptions, 'apiKey' | 'beforeCall' | 'onUsage'>
  private readonly gate: Semaphore

  constructor(options: LlmClientOptions) {
    let base: URL
    try {
      base = new URL(options.baseUrl)
    } catch {
      throw new LlmError('INVALID_INPUT', 'llmBaseUrlInvalid', { baseUrl: options.baseUrl })
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new LlmError('INVALID_INPUT', 'llmBaseUrlScheme')
    }
    this.options = {
      ...DEFAULTS,
      random: Math.random,
      now: Date.now,
      sleep: defaultSleep,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    }
    this.gate = new Semaphore(this.options.concurrency)
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' }
    if (this.options.apiKey) headers.Authorization = `Bearer ${this.options.apiKey}`
    return headers
  }

  /** Sends one request, retrying busy or broken answers; resolves with the first good response. */
  private async send(
    path: string,
    init: { method: string; body?: unknown },
    callOptions: CallOptions,
  ): Promise<Attempt> {
    const { signal } = callOptions
    for (let attempt = 0; ; attempt += 1) {
      if (signal?.aborted) throw new LlmAbortedError()
      const controller = new AbortController()
      const onAbort = () => controller.abort()
      signal?.addEventListener('abort', onAbort, { once: true })
      let timer = setTimeout(() => controller.abort(), this.options.timeoutMs)
      const clearTimer = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      let failure: AppError
      let wait: number | null = null
      try {
        const response = await fetch(`${this.options.baseUrl}${path}`, {
          method: init.method,
          headers: this.headers(),
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
          signal: controller.signal,
        })
        if (response.ok) {
          // Streams re-arm the timer per chunk; a plain answer keeps it for reading the body.
          clearTimeout(timer)
          timer = setTimeout(() => controller.abort(), this.options.timeoutMs)
          return { response, controller, clearTimer }
        }
        failure = statusError(response.status, await providerMessage(response))
        if (!isRetryableStatus(response.status)) {
          clearTimer()
          throw failure
        }
        wait = retryAfterMs(
          response.headers.get('retry-after'),
          this.options.now(),
          this.options.retryAfterCapMs,
        )
      } catch (error) {
        clearTimer()
        if (signal?.aborted) throw new LlmAbortedError()
        if (error instanceof AppError) throw error
        failure = controller.signal.aborted
          ? new LlmError('UNAVAILABLE', 'llmNoAnswer', { ms: this.options.timeoutMs })
          : new LlmError('UNAVAILABLE', 'llmUnreachable', { baseUrl: this.options.baseUrl })
      }
      clearTimer()
      if (attempt >= this.options.maxRetries) throw failure
      await this.options.sleep(wait ?? backoffDelay(attempt, this.options), signal)
    }
  }

  private async readJson(attempt: Attempt): Promise<unknown> {
    try {
      return JSON.parse(await attempt.response.text()) as unknown
    } catch (error) {
      if (attempt.controller.signal.aborted) {
        throw new LlmError('UNAVAILABLE', 'llmSlowAnswer', { ms: this.options.timeoutMs })
      }
      if (error instanceof SyntaxError) throw malformed('llmMalformedAnswer')
      throw error
    } finally {
      attempt.clearTimer()
    }
  }

  private reportUsage(model: string, usage: Usage | null): void {
    if (usage) this.options.onUsage?.(model, usage)
  }

  private body(request: ChatRequest, stream: boolean): Record<string, unknown> {
    return {
      model: request.model,
      messages: request.messages,
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
      ...(request.json ? { response_format: { type: 'json_object' } } : {}),
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    }
  }

  chat(request: ChatRequest, callOptions: CallOptions = {}): Promise<ChatResult> {
    return this.gate.run(async () => {
      this.options.beforeCall?.()
      const started = this.options.now()
      const attempt = await this.send(
        '/chat/completions',
        { method: 'POST', body: this.body(request, false) },
        callOptions,
      )
      const payload = (await this.readJson(attempt)) as {
        model?: unknown
        choices?: { message?: { content?: unknown }; finish_reason?: unknown }[]
        usage?: unknown
      }
      const choice = payload.choices?.[0]
      if (!choice || typeof choice.message?.content !== 'string') throw malformed('llmMalformedNoContent')
      const usage = toUsage(payload.usage)
      const model = typeof payload.model === 'string' ? payload.model : request.model
      this.reportUsage(model, usage)
      return {
        content: choice.message.content,
        model,
        finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
        usage,
        latencyMs: this.options.now() - started,
      }
    })
  }

  /**
   * Streams an answer over SSE, calling onDelta with each piece of text. Usage is requested with
   * stream_options so streamed tokens are counted too. Retries happen only before the first chunk.
   */
  chatStream(
    request: ChatRequest,
    onDelta: (text: string) => void,
    callOptions: CallOptions = {},
  ): Promise<ChatResult> {
    return this.gate.run(async () => {
      this.options.beforeCall?.()
      const started = this.options.now()
      const attempt = await this.send(
        '/chat/completions',
        { method: 'POST', body: this.body(request, true) },
        callOptions,
      )
      let content = ''
      let usage: Usage | null = null
      let model = request.model
      let finishReason: string | null = null
      let done = false
      let badEvent = false
      const parser = createParser({
        onEvent: (event) => {
          if (done) return
          if (event.data === '[DONE]') {
            done = true
            return
          }
          let chunk: {
            model?: unknown
            choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[]
            usage?: unknown
          }
          try {
            chunk = JSON.parse(event.data) as typeof chunk
          } catch {
            badEvent = true
            return
          }
          if (typeof chunk.model === 'string') model = chunk.model
          const choice = chunk.choices?.[0]
          const text = choice?.delta?.content
          if (typeof text === 'string' && text.length > 0) {
            content += text
            onDelta(text)
          }
          if (typeof choice?.finish_reason === 'string') finishReason = choice.finish_reason
          usage = toUsage(chunk.usage) ?? usage
        },
      })
      const body = attempt.response.body
      if (!body) throw malformed('llmMalformedNoStream')
      const reader = body.pipeThrough(new TextDecoderStream()).getReader()
      let idle = setTimeout(() => attempt.controller.abort(), this.options.timeoutMs)
      try {
        for (;;) {
          const { value, done: ended } = await reader.read()
          if (ended || done) break
          clearTimeout(idle)
          idle = setTimeout(() => attempt.controller.abort(), this.options.timeoutMs)
          parser.feed(value)
          if (badEvent) throw malformed('llmMalformedStreamEvent')
        }
      } catch (error) {
        if (callOptions.signal?.aborted) throw new LlmAbortedError()
        if (error instanceof AppError) throw error
        throw attempt.controller.signal.aborted
          ? new LlmError('UNAVAILABLE', 'llmSilent', { ms: this.options.timeoutMs })
          : new LlmError('UNAVAILABLE', 'llmBroke')
      } finally {
        clearTimeout(idle)
        attempt.clearTimer()
        void reader.cancel().catch(() => undefined)
      }
      if (!done && finishReason === null) throw new LlmError('UNAVAILABLE', 'llmEndedEarly')
      this.reportUsage(model, usage)
      return { content, model, finishReason, usage, latencyMs: this.options.now() - started }
    })
  }

  embed(model: string, input: string[], callOptions: CallOptions = {}): Promise<EmbeddingResult> {
    return this.gate.run(async () => {
      this.options.beforeCall?.()
      const started = this.options.now()
      const attempt = await this.send('/embeddings', { method: 'POST', body: { model, input } }, callOptions)
      const payload = (await this.readJson(attempt)) as {
        data?: { embedding?: unknown; index?: unknown }[]
        usage?: unknown
      }
      const rows = payload.data
      if (!Array.isArray(rows) || rows.length !== input.length) throw malformed('llmMalformedEmbeddings')
      const vectors = [...rows]
        .sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0))
        .map((row) => {
          if (!Array.isArray(row.embedding) || !row.embedding.every((x) => typeof x === 'number')) {
            throw malformed('llmMalformedVector')
          }
          return row.embedding as number[]
        })
      const usage = toUsage(payload.usage)
      this.reportUsage(model, usage)
      return { vectors, model, usage, latencyMs: this.options.now() - started }
    })
  }

  /** "Test connection": lists the provider's models, which needs a reachable server and a valid key. */
  async testConnection(callOptions: CallOptions = {}): Promise<{ models: string[]; latencyMs: number }> {
    const started = this.options.now()
    const attempt = await this.send('/models', { method: 'GET' }, callOptions)
    const payload = (await this.readJson(attempt)) as { data?: { id?: unknown }[] }
    if (!Array.isArray(payload.data)) throw malformed('llmMalformedModelList')
    const models = payload.data.map((model) => model.id).filter((id): id is string => typeof id === 'string')
    return { models, latencyMs: this.options.now() - started }
  }
}
