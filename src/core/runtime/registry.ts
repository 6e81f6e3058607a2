import type { Domain, MethodInput, MethodName, MethodResult } from '../../shared/contract/methods'
import { METHOD_NAMES, isMethodName } from '../../shared/contract/methods'

/** A handler answers at once, or (long work such as a backup) with a promise. */
export type Handler<M extends MethodName> = (
  input: MethodInput<M>,
) => MethodResult<M> | Promise<MethodResult<M>>
export type Handlers = { [M in MethodName]: Handler<M> }

/**
 * What the object that answers a domain offers: one method per contract method of that domain, named by its
 * verb and typed from the contract (`tips.dismiss` → `dismiss(input: MethodInput<'tips.dismiss'>)`). The
 * domain's service is that object: adding a method to the contract and to the service is all it takes.
 */
export type DomainApi<D extends Domain> = {
  [M in MethodName as M extends `${D}.${infer Verb}` ? Verb : never]: Handler<M>
}

/** The handlers of one domain, bound to the object that implements them. */
export interface DomainBinding {
  domain: string
  handlers: Partial<Record<MethodName, (input: unknown) => unknown>>
}

/** Binds every contract method of `domain` to the method of `api` named by its verb. */
export function bindDomain<D extends Domain>(domain: D, api: DomainApi<D>): DomainBinding {
  const target = api as unknown as Record<string, unknown>
  const handlers: DomainBinding['handlers'] = {}
  for (const method of METHOD_NAMES) {
    if (!method.startsWith(`${domain}.`)) continue
    const verb = method.slice(domain.length + 1)
    const implementation = target[verb]
    // The compiler checks this already; a plain object built at run time (or a stale build) is checked here.
    if (typeof implementation !== 'function') {
      throw new Error(`No handler for ${method}: the ${domain} service has no method ${verb}.`)
    }
    handlers[method] = (input) => (implementation as (input: unknown) => unknown).call(api, input)
  }
  return { domain, handlers }
}

/**
 * One table of handlers from the domains' bindings. Refused at start, before any call is answered: a name
 * that is not in the contract, a method bound twice, or a contract method that nothing answers.
 */
export function registerHandlers(bindings: readonly DomainBinding[]): Handlers {
  const table = new Map<MethodName, { domain: string; handler: (input: unknown) => unknown }>()
  for (const { domain, handlers } of bindings) {
    for (const [name, handler] of Object.entries(handlers)) {
      if (!isMethodName(name)) throw new Error(`${domain} binds ${name}, which is not a contract method.`)
      const earlier = table.get(name)
      if (earlier) throw new Error(`${name} is bound twice: by ${earlier.domain} and by ${domain}.`)
      table.set(name, { domain, handler })
    }
  }
  const missing = METHOD_NAMES.filter((name) => !table.has(name))
  if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}.`)
  return Object.fromEntries([...table].map(([name, { handler }]) => [name, handler])) as unknown as Handlers
}
