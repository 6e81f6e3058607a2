import { AI_PROVIDER_PRESETS } from '../../shared/contract/domains/aiSettings'
import type { AiProviderId } from '../../shared/contract/domains/aiSettings'
import { AppError } from '../../shared/contract/errors'
import { LlmClient } from '../llm/client'
import type { LlmClientOptions } from '../llm/client'
import type { ServiceContext } from '../services/context'
import type { MonitoringService } from '../services/monitoring'
import type { SettingsService } from '../services/settings'
import { TokenBudget } from './budget'
import type { BudgetState } from './budget'
import type { AiEndpoint, AiPurpose, AiRuntime } from './runtime'
import { AI_API_KEY_ORIGIN_ENV, AI_API_KEY_SECRET, decodeBoundKey, encodeBoundKey, originOf } from './secrets'
import type { BoundKey, SecretLocation, SecretSetOptions, SecretStore } from './secrets'
import { baseUrlNote } from '../../shared/contract/domains/aiSettings'
import { englishOf, note } from '../../shared/coreNotes'
import type { CoreNote } from '../../shared/coreNotes'
import { LlmError } from '../llm/client'

/** Client settings a test (or a later tuning) may change; the base URL and key always come from settings. */
export type AiClientTuning = Partial<Omit<LlmClientOptions, 'baseUrl' | 'apiKey' | 'beforeCall' | 'onUsage'>>

export interface PurposeState {
  configured: boolean
  model: string
  /** Why it is not configured, in words; empty when it is. */
  reason: string
  /** The same as a note a window translates; null when it is configured. */
  reasonNote: CoreNote | null
}

/** A provider and base URL typed in Settings and not saved yet. */
export interface ConnectionDraft {
  provider?: AiProviderId | undefined
  baseUrl?: string | undefined
}

export interface AiConfig {
  provider: AiProviderId
  baseUrl: string
  hasApiKey: boolean
  /** The origin the stored key was entered for (null: none, or unknown). */
  keyOrigin: string | null
  /** Why the stored key may not be sent to this base URL; null when it may (or there is no key). */
  keyProblem: CoreNote | null
  keyLocation: SecretLocation
  purposes: Record<AiPurpose, PurposeState>
}

export interface AiErrorNote {
  message: string
  at: number
  stage: string
  /** The message by code and params when it has one (the provider's and the budget's failures do). */
  note: CoreNote | null
}

/** The result of ai.testConnection: the English message and the note a window translates. */
export interface ConnectionTest {
  ok: boolean
  models: string[]
  latencyMs: number
  message: string
  note: CoreNote
}

const NO_MODEL = {
  chat: 'aiNoChatModel',
  vision: 'aiNoVisionModel',
  embedding: 'aiNoEmbeddingModel',
} as const

const MODEL_SETTING = {
  chat: 'ai.chatModel',
  vision: 'ai.visionModel',
  embedding: 'ai.embeddingModel',
} as const

/**
 * The AiRuntime of the core: clients built from settings and the secret store (rebuilt when either changes),
 * every call gated by the daily token budget and counted in monitoring.
 */
export class AiService implements AiRuntime {
  private apiKey: BoundKey | null = null
  private keyGeneration = 0
  private keyLocation: SecretLocation = { kind: 'memory', where: 'not read yet', persistent: false }
  private keyLoaded: Promise<void>
  private client: { fingerprint: string; client: LlmClient } | null = null
  private lastError: AiErrorNote | null = null
  private readonly budget: TokenBudget

  constructor(
    private readonly ctx: ServiceContext,
    private readonly settings: SettingsService,
    private readonly monitoring: MonitoringService,
    private readonly secrets: SecretStore,
    private readonly tuning: AiClientTuning = {},
  ) {
    this.budget = new TokenBudget(ctx.db)
    this.keyLoaded = this.reloadKey()
  }

  /** Resolves once the API key has been read from the secret store (endpoints are null until then). */
  ready(): Promise<void> {
    return this.keyLoaded
  }

  private async reloadKey(): Promise<void> {
    try {
      const stored = await this.secrets.get(AI_API_KEY_SECRET)
      this.apiKey = stored === null ? null : decodeBoundKey(stored)
      this.keyLocation = await this.secrets.location()
    } catch (error) {
      this.apiKey = null
      const said = note('aiKeyUnreadable', { detail: error instanceof Error ? error.message : String(error) })
      this.noteError('secrets', englishOf(said), said)
    }
  }

  /** The configuration in force, or what it would be with a provider and base URL not saved yet (`draft`). */
  config(draft: ConnectionDraft = {}): AiConfig {
    const provider = draft.provider ?? this.settings.value('ai.provider')
    const preset = AI_PROVIDER_PRESETS[provider]
    const drafted = draft.provider !== undefined || draft.baseUrl !== undefined
    const baseUrl = (drafted ? (draft.baseUrl ?? '') : this.settings.value('ai.baseUrl')) || preset.baseUrl
    const hasApiKey = this.apiKey !== null
    const keyProblem = this.keyProblem(baseUrl)
    const transport = baseUrlNote(baseUrl)
    const purpose = (name: AiPurpose): PurposeState => {
      const model = this.settings.value(MODEL_SETTING[name])
      let why: CoreNote | null = null
      if (provider === 'none') why = note('aiNoProvider')
      else if (!baseUrl) why = note('aiNoBaseUrl')
      else if (transport) why = transport
      else if (keyProblem) why = keyProblem
      else if (preset.needsKey && !hasApiKey) why = note('aiNeedsKey', { provider: preset.label })
      else if (!model) why = note(NO_MODEL[name])
      return { configured: why === null, model, reason: why ? englishOf(why) : '', reasonNote: why }
    }
    return {
      provider,
      baseUrl,
      hasApiKey,
      keyOrigin: this.apiKey?.origin ?? null,
      keyProblem,
      keyLocation: this.keyLocation,
      purposes: { chat: purpose('chat'), vision: purpose('vision'), embedding: purpose('embedding') },
    }
  }

  /**
   * A stored key is bound to the origin of the base URL it was entered with. When the base URL has moved to
   * another origin (whoever changed it: a client with the token, an import, the renderer) the key stays home and
   * AI work stops until a key is entered for the new provider.
   */
  private keyProblem(baseUrl: string): CoreNote | null {
    if (this.apiKey === null || !baseUrl) return null
    const origin = originOf(baseUrl)
    if (this.apiKey.origin !== null && this.apiKey.origin === origin) return null
    const here = origin ?? baseUrl
    if (this.apiKey.origin !== null)
      return note('aiKeyOtherOrigin', { keyOrigin: this.apiKey.origin, origin: here })
    return this.keyLocation.kind === 'environment'
      ? note('aiKeyNoOriginEnv', { env: AI_API_KEY_ORIGIN_ENV, origin: here })
      : note('aiKeyNoOrigin', { origin: here })
  }

  /** The key, only for the base URL it was entered for. */
  private keyFor(baseUrl: string): string | null {
    return this.apiKey !== null && this.keyProblem(baseUrl) === null ? this.apiKey.key : null
  }

  private clientFor(baseUrl: string): LlmClient {
    const apiKey = this.keyFor(baseUrl)
    const fingerprint = JSON.stringify([baseUrl, apiKey])
    if (this.client?.fingerprint !== fingerprint) {
      this.client = {
        fingerprint,
        client: new LlmClient({
          ...this.tuning,
          baseUrl,
          ...(apiKey ? { apiKey } : {}),
          beforeCall: () =>
            this.budget.check(this.settings.value('ai.dailyTokenBudget'), this.ctx.clock.now()),
          onUsage: (model, usage) => {
            this.monitoring.recordTokenUsage({
              model: model.slice(0, 200) || 'unknown',
              promptTokens: usage.promptTokens,
              completionTokens: usage.completionTokens,
            })
          },
        }),
      }
    }
    return this.client.client
  }

  endpoint(purpose: AiPurpose): AiEndpoint | null {
    const config = this.config()
    const state = config.purposes[purpose]
    if (!state.configured) return null
    return { client: this.clientFor(config.baseUrl), model: state.model }
  }

  budgetState(): BudgetState {
    return this.budget.state(this.settings.value('ai.dailyTokenBudget'), this.ctx.clock.now())
  }

  /** Remembers the latest failure of AI work so ai.status can show it. */
  noteError(stage: string, message: string, said: CoreNote | null = null): void {
    this.lastError = { stage, message: message.slice(0, 2_000), at: this.ctx.clock.now(), note: said }
  }

  clearError(): void {
    this.lastError = null
  }

  latestError(): AiErrorNote | null {
    return this.lastError
  }

  /**
   * Changes whenever the key or the address it is sent to changes: work refused for its credentials waits for
   * this to change instead of spending its attempts on a key that cannot work.
   */
  credentialsKey(): string {
    return `${this.keyGeneration}:${this.config().baseUrl}`
  }

  /** Binds the key to the origin of the base URL in use now: it is sent there and nowhere else. */
  async setApiKey(key: string, options: SecretSetOptions = {}): Promise<SecretLocation> {
    const bound = { key, origin: originOf(this.config().baseUrl) }
    await this.secrets.set(AI_API_KEY_SECRET, encodeBoundKey(bound), options)
    this.apiKey = bound
    this.keyGeneration += 1
    this.keyLoaded = Promise.resolve()
    this.keyLocation = await this.secrets.location()
    return this.keyLocation
  }

  async clearApiKey(): Promise<SecretLocation> {
    await this.secrets.delete(AI_API_KEY_SECRET)
    this.apiKey = null
    this.keyGeneration += 1
    this.keyLocation = await this.secrets.location()
    return this.keyLocation
  }

  /**
   * Lists the provider's models with the current settings (or a draft of provider and base URL) and the key,
   * which goes only to the origin it was entered for; never throws, says what went wrong.
   */
  async testConnection(draft: ConnectionDraft = {}): Promise<ConnectionTest> {
    await this.keyLoaded
    const config = this.config(draft)
    const failed = (said: CoreNote, message = englishOf(said)): ConnectionTest => ({
      ok: false,
      models: [],
      latencyMs: 0,
      message: message.slice(0, 2_000),
      note: said,
    })
    if (config.provider === 'none' || !config.baseUrl) return failed(note('aiTestNoProvider'))
    const refused = baseUrlNote(config.baseUrl) ?? config.keyProblem
    if (refused) return failed(refused)
    const apiKey = this.keyFor(config.baseUrl)
    try {
      const client = new LlmClient({
        ...this.tuning,
        baseUrl: config.baseUrl,
        ...(apiKey ? { apiKey } : {}),
        maxRetries: 0,
        timeoutMs: Math.min(this.tuning.timeoutMs ?? 15_000, 15_000),
      })
      const result = await client.testConnection()
      const models = result.models.slice(0, 500).map((model) => model.slice(0, 200))
      const said = note('aiTestConnected', {
        baseUrl: config.baseUrl,
        ms: result.latencyMs,
        count: models.length,
      })
      return { ok: true, models, latencyMs: result.latencyMs, message: englishOf(said), note: said }
    } catch (error) {
      if (error instanceof LlmError) return failed(error.note)
      const message = error instanceof AppError || error instanceof Error ? error.message : String(error)
      // Not the provider's answer (a bug, or the OS): its words, inside a sentence a window translates.
      return failed(note('aiTestFailed', { detail: message.slice(0, 1_900) }), message)
    }
  }
}
