import type { MethodName } from '../../shared/contract/methodNames'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { Services } from './services'

/** A handler answers at once, or (long work such as a backup) with a promise. */
export type Handler<M extends MethodName> = (
  input: MethodInput<M>,
) => MethodResult<M> | Promise<MethodResult<M>>
export type Handlers = { [M in MethodName]: Handler<M> }
/** Methods the core answers itself, beside the services: they may replace the database or read it whole. */
export type BackupHandlers = Pick<
  Handlers,
  'backups.create' | 'backups.list' | 'backups.restore' | 'transfer.export' | 'transfer.import'
>

/** Binds every contract method to the service that answers it; the compiler checks none is missing. */
export function createHandlers(
  services: Services,
  describe: Handler<'system.describe'>,
  health: Handler<'system.health'>,
  backups: BackupHandlers,
): Handlers {
  const {
    vaults,
    todos,
    activities,
    tips,
    conversations,
    messages,
    thinking,
    monitoring,
    search,
    settings,
    scheduler,
  } = services
  return {
    'vaults.create': (input) => vaults.create(input),
    'vaults.get': (input) => vaults.get(input),
    'vaults.list': (input) => vaults.list(input),
    'vaults.tree': (input) => vaults.tree(input),
    'vaults.update': (input) => vaults.update(input),
    'vaults.move': (input) => vaults.move(input),
    'vaults.trash': (input) => vaults.trash(input),
    'vaults.restore': (input) => vaults.restore(input),
    'vaults.delete': (input) => vaults.delete(input),
    'todos.create': (input) => todos.create(input),
    'todos.get': (input) => todos.get(input),
    'todos.list': (input) => todos.list(input),
    'todos.update': (input) => todos.update(input),
    'todos.setStatus': (input) => todos.setStatus(input),
    'todos.delete': (input) => todos.delete(input),
    'activities.create': (input) => activities.create(input),
    'activities.get': (input) => activities.get(input),
    'activities.list': (input) => activities.list(input),
    'activities.countByDay': (input) => activities.countByDay(input),
    'activities.latest': () => activities.latest(),
    'activities.delete': (input) => activities.delete(input),
    'tips.create': (input) => tips.create(input),
    'tips.list': (input) => tips.list(input),
    'tips.dismiss': (input) => tips.dismiss(input),
    'conversations.create': (input) => conversations.create(input),
    'conversations.get': (input) => conversations.get(input),
    'conversations.list': (input) => conversations.list(input),
    'conversations.update': (input) => conversations.update(input),
    'conversations.delete': (input) => conversations.delete(input),
    'messages.create': (input) => messages.create(input),
    'messages.get': (input) => messages.get(input),
    'messages.list': (input) => messages.list(input),
    'messages.startStream': (input) => messages.startStream(input),
    'messages.appendChunk': (input) => messages.appendChunk(input),
    'messages.finish': (input) => messages.finish(input),
    'messages.fail': (input) => messages.fail(input),
    'messages.interrupt': (input) => messages.interrupt(input),
    'messages.delete': (input) => messages.delete(input),
    'thinking.add': (input) => thinking.add(input),
    'thinking.list': (input) => thinking.list(input),
    'thinking.clear': (input) => thinking.clear(input),
    'chat.status': () => services.chat.status(),
    'chat.send': (input) => services.chat.send(input),
    'chat.interrupt': (input) => services.chat.interrupt(input),
    'chat.retry': (input) => services.chat.retry(input),
    'monitoring.recordTokenUsage': (input) => monitoring.recordTokenUsage(input),
    'monitoring.recordStageTiming': (input) => monitoring.recordStageTiming(input),
    'monitoring.recordDataStats': (input) => monitoring.recordDataStats(input),
    'monitoring.tokenUsage': (input) => monitoring.tokenUsage(input),
    'monitoring.stageTiming': (input) => monitoring.stageTiming(input),
    'monitoring.dataStats': (input) => monitoring.dataStats(input),
    'monitoring.trend': (input) => monitoring.trend(input),
    'search.query': (input) => search.query(input),
    'settings.get': (input) => settings.get(input),
    'settings.list': () => settings.list(),
    'settings.set': (input) => {
      const entry = settings.set(input)
      // A new interval or a resume takes effect now, not after the wait already under way.
      services.capture.settingChanged(input.key)
      return entry
    },
    'jobs.list': () => ({ jobs: scheduler.list() }),
    'jobs.run': (input) => scheduler.run(input.name),
    'jobs.history': (input) => ({ items: scheduler.history(input.name, input.limit) }),
    ...backups,
    'capture.status': () => services.capture.status(),
    'capture.captureNow': () => services.capture.captureNow(),
    'capture.gaps': (input) => services.capture.gaps(input),
    'capture.displays': () => services.capture.displays(),
    'capture.list': (input) => services.capture.list(input),
    'capture.image': (input) => services.capture.image(input),
    'ai.status': () => services.aiApi.status(),
    'ai.testConnection': () => services.aiApi.testConnection(),
    'ai.setApiKey': (input) => services.aiApi.setApiKey(input),
    'ai.clearApiKey': () => services.aiApi.clearApiKey(),
    'ai.retry': (input) => services.aiApi.retry(input),
    'ai.processNow': () => services.aiApi.processNow(),
    'system.describe': describe,
    'system.health': health,
  }
}
