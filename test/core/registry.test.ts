import { describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../src/shared/contract/methods'
import type { DomainApi, DomainBinding } from '../../src/core/runtime/registry'
import { bindDomain, registerHandlers } from '../../src/core/runtime/registry'

/** A binding for every contract method, each answering with its own name: a complete, valid table. */
function everyMethod(): DomainBinding[] {
  const byDomain = new Map<string, DomainBinding>()
  for (const method of METHOD_NAMES) {
    const domain = method.split('.')[0] ?? ''
    const binding = byDomain.get(domain) ?? { domain, handlers: {} }
    binding.handlers[method] = () => method
    byDomain.set(domain, binding)
  }
  return [...byDomain.values()]
}

describe('the handler registry', () => {
  it('binds each contract method of a domain to the service method named by its verb', async () => {
    const calls: string[] = []
    const api = {
      create: (input: unknown) => (calls.push(`create ${JSON.stringify(input)}`), { id: 1 }),
      list: () => (calls.push('list'), { items: [], total: 0 }),
      dismiss: () => (calls.push('dismiss'), { id: 1 }),
      get: () => (calls.push('get'), { id: 1 }),
    } as unknown as DomainApi<'tips'>
    const binding = bindDomain('tips', api)
    expect(Object.keys(binding.handlers).sort()).toEqual(
      METHOD_NAMES.filter((m) => m.startsWith('tips.')).sort(),
    )
    await binding.handlers['tips.create']?.({ content: 'x' })
    await binding.handlers['tips.dismiss']?.({ id: 1 })
    expect(calls).toEqual(['create {"content":"x"}', 'dismiss'])
  })

  it('accepts a table with every method bound once', () => {
    const handlers = registerHandlers(everyMethod())
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort())
  })

  it('refuses to start when a contract method has no handler', () => {
    const bindings = everyMethod()
    const tips = bindings.find((binding) => binding.domain === 'tips')
    delete tips?.handlers['tips.dismiss']
    expect(() => registerHandlers(bindings)).toThrow('No handler for tips.dismiss.')
  })

  it('refuses a method bound twice, naming both domains', () => {
    const bindings = [...everyMethod(), { domain: 'extra', handlers: { 'tips.list': () => null } }]
    expect(() => registerHandlers(bindings)).toThrow('tips.list is bound twice: by tips and by extra.')
  })

  it('refuses a name that is not in the contract', () => {
    const bindings = [...everyMethod(), { domain: 'tips', handlers: { 'tips.explode': () => null } }]
    expect(() => registerHandlers(bindings as DomainBinding[])).toThrow(
      'tips binds tips.explode, which is not a contract method.',
    )
  })

  it('refuses a service that lacks the method of a verb (a plain object or a stale build the compiler did not see)', () => {
    const api = { create: () => null, get: () => null, list: () => null } as unknown as DomainApi<'tips'>
    expect(() => bindDomain('tips', api)).toThrow(
      'No handler for tips.dismiss: the tips service has no method dismiss.',
    )
  })
})
