import { AiApi } from '../ai/api'
import { AiPipeline } from '../ai/pipeline'
import { AiService } from '../ai/service'
import type { AiClientTuning } from '../ai/service'
import { EnvSecretStore } from '../ai/secrets'
import type { SecretStore } from '../ai/secrets'
import { CaptureFrames } from '../capture/frames'
import { CaptureService } from '../capture/service'
import { ChatService } from '../chat/service'
import { captureRetentionJob } from '../jobs/captureRetention'
import { databaseOptimizeJob } from '../jobs/databaseOptimize'
import { monitoringPruneJob } from '../jobs/monitoringPrune'
import { JobApi } from '../jobs/api'
import { Scheduler } from '../jobs/scheduler'
import type { JobDefinition } from '../jobs/scheduler'
import { ActivityService } from '../services/activities'
import type { ServiceContext } from '../services/context'
import { ConversationService } from '../services/conversations'
import { MessageService } from '../services/messages'
import { MonitoringService } from '../services/monitoring'
import { SearchService } from '../services/search'
import { SettingsService } from '../services/settings'
import { ThinkingService } from '../services/thinking'
import { TipService } from '../services/tips'
import { TodoService } from '../services/todos'
import { VaultService } from '../services/vaults'
import type { Platform } from '../platform/types'
import type { OcrEngine } from '../ocr/engine'
import { OcrPipeline } from '../ocr/pipeline'
import { EmbeddingIndexer } from '../embedding/indexer'
import { MeaningSearch } from '../embedding/meaningSearch'

export interface Services {
  vaults: VaultService
  todos: TodoService
  activities: ActivityService
  tips: TipService
  conversations: ConversationService
  messages: MessageService
  thinking: ThinkingService
  monitoring: MonitoringService
  search: SearchService
  /** The search domain: keyword search (the SearchService) and search by meaning. */
  searchApi: Pick<SearchService, 'query'> & Pick<MeaningSearch, 'meaning'>
  /** Embeds every kind of item in the background when an embedding model is configured. */
  embedding: EmbeddingIndexer
  settings: SettingsService
  scheduler: Scheduler
  jobs: JobApi
  /** The AiRuntime: endpoint(purpose) for chat/vision/embedding, budget, status. */
  ai: AiService
  /** Background AI work (vision, summaries, todos, tips, daily reports) on the durable queue. */
  aiWork: AiPipeline
  aiApi: AiApi
  chat: ChatService
  capture: CaptureService
  /** On-device OCR of stored frames on the durable queue. */
  ocr: OcrPipeline
}

/** `extraJobs` are jobs owned outside the services (the daily backup belongs to the core's BackupManager). */
export interface ServiceOptions {
  /** Kept by the core across database restores, so a key set for this session survives them. */
  secrets?: SecretStore
  aiTuning?: AiClientTuning
  /** Where screenshots are stored (DATA_DIR); without it capture keeps nothing on disk and is unavailable. */
  dataDir?: string
  /** The OS capabilities (screen, power state); capture is unavailable without a screen. */
  platform?: Platform
  /** Reads text from frames (a thread of its own); without it frames are not read. */
  ocrEngine?: OcrEngine | null
}

/** Writes after which the background embedding looks for new and changed items (soon, not at its next turn). */
const WRITTEN_EVENTS: ReadonlySet<string> = new Set([
  'vaults.changed',
  'todos.changed',
  'tips.changed',
  'activities.created',
  'conversations.changed',
  'messages.updated',
  'transfer.imported',
])

export function createServices(
  core: ServiceContext,
  extraJobs: JobDefinition[] = [],
  options: ServiceOptions = {},
): Services {
  let written = (): void => undefined
  const ctx: ServiceContext = {
    ...core,
    emit: (name, data) => {
      core.emit(name, data)
      if (WRITTEN_EVENTS.has(name)) written()
    },
  }
  const conversations = new ConversationService(ctx)
  const monitoring = new MonitoringService(ctx)
  const settings = new SettingsService(ctx)
  const services = {
    vaults: new VaultService(ctx),
    todos: new TodoService(ctx),
    activities: new ActivityService(ctx),
    tips: new TipService(ctx),
    conversations,
    messages: new MessageService(ctx, conversations),
    thinking: new ThinkingService(ctx),
    monitoring,
    search: new SearchService(ctx),
    settings,
    scheduler: new Scheduler(ctx, [
      monitoringPruneJob(monitoring, settings),
      databaseOptimizeJob(ctx.db),
      ...(options.dataDir === undefined ? [] : [captureRetentionJob(ctx.db, options.dataDir, settings)]),
      ...extraJobs,
    ]),
    ai: new AiService(ctx, settings, monitoring, options.secrets ?? new EnvSecretStore(), options.aiTuning),
  }
  const ocr = new OcrPipeline(ctx, {
    dataDir: options.dataDir ?? '',
    settings,
    monitoring,
    engine: options.dataDir === undefined ? null : (options.ocrEngine ?? null),
  })
  const capture = new CaptureService(ctx, {
    onStored: (captureId) => ocr.offer(captureId),
    afterStored: () => ocr.poke(),
    dataDir: options.dataDir ?? '',
    settings,
    monitoring,
    platform: options.dataDir === undefined ? {} : (options.platform ?? {}),
  })
  // A new capture interval or a resume takes effect now, not after the wait already under way.
  settings.onChange((key) => capture.settingChanged(key))
  const embedding = new EmbeddingIndexer(ctx, services.ai, monitoring)
  written = () => embedding.written()
  // A model, provider or key set now is tried at once instead of after the indexer's wait.
  settings.onChange((key) => {
    if (key.startsWith('ai.')) embedding.poke()
  })
  const meaning = new MeaningSearch(ctx, services.search, services.ai)
  const frames = new CaptureFrames(ctx.db)
  const aiWork = new AiPipeline(ctx, { ...services, frames }, settings, services.ai, {
    dataDir: options.dataDir ?? null,
  })
  return {
    ...services,
    jobs: new JobApi(services.scheduler),
    searchApi: {
      query: (input) => services.search.query(input),
      meaning: (input) => meaning.meaning(input),
    },
    embedding,
    chat: new ChatService(ctx, services, services.ai),
    capture,
    ocr,
    aiWork,
    aiApi: new AiApi(services.ai, aiWork, frames, embedding),
  }
}
