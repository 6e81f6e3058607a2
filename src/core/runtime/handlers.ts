import type { DomainApi, DomainBinding, Handlers } from './registry'
import { bindDomain, registerHandlers } from './registry'
import type { Services } from './services'

/** What the core answers itself, beside the services: they may replace the database or read it whole. */
export interface CoreApis {
  system: DomainApi<'system'>
  backups: DomainApi<'backups'>
  transfer: DomainApi<'transfer'>
}

/**
 * Every domain of the contract and the object that answers it. A new method needs no line here: it is bound to
 * the method of the same verb on its domain's service, and the registry refuses to start without it.
 */
export function createHandlers(services: Services, core: CoreApis): Handlers {
  const bindings: DomainBinding[] = [
    bindDomain('vaults', services.vaults),
    bindDomain('todos', services.todos),
    bindDomain('activities', services.activities),
    bindDomain('tips', services.tips),
    bindDomain('conversations', services.conversations),
    bindDomain('messages', services.messages),
    bindDomain('thinking', services.thinking),
    bindDomain('chat', services.chat),
    bindDomain('monitoring', services.monitoring),
    bindDomain('search', services.searchApi),
    bindDomain('settings', services.settings),
    bindDomain('jobs', services.jobs),
    bindDomain('capture', services.capture),
    bindDomain('ai', services.aiApi),
    bindDomain('backups', core.backups),
    bindDomain('transfer', core.transfer),
    bindDomain('system', core.system),
  ]
  return registerHandlers(bindings)
}
