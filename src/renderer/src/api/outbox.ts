import type { MethodName } from '../../../shared/contract/methods'
import type { MethodParams, MethodResult } from '../../../shared/contract/methods'
import { CallError } from './client'
import type { CairnClient } from './client'
import { connectionState, onConnectionChange } from './connection'

/**
 * Writes a person makes by hand that are kept while the core cannot be reached and made when it can: they are
 * written to localStorage first, so they survive a reload and a restart of the host (whose new address the
 * person opens in this browser). Creates are only kept when they were never sent: a create sent just before
 * the drop may have been made, and sending it again could make it twice.
 */
const KEPT = new Set<MethodName>([
  'todos.create',
  'todos.update',
  'todos.setStatus',
  'todos.delete',
  'vaults.create',
  'vaults.update',
  'vaults.move',
  'vaults.trash',
  'vaults.restore',
  'settings.set',
])
const CREATES = new Set<MethodName>(['todos.create', 'vaults.create'])
const STORE_KEY = 'cairn.outbox'
const MAX_KEPT = 500

interface Kept {
  id: string
  method: MethodName
  params: unknown
  at: number
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown }
const waiting = new Map<string, (outcome: Outcome) => void>()
const listeners = new Set<() => void>()

function load(): Kept[] {
  try {
    const value = JSON.parse(window.localStorage.getItem(STORE_KEY) ?? '[]') as unknown
    return Array.isArray(value) ? (value as Kept[]) : []
  } catch {
    return []
  }
}

function store(items: Kept[]): void {
  window.localStorage.setItem(STORE_KEY, JSON.stringify(items))
  for (const listener of listeners) listener()
}

/** How many writes wait for the core. */
export function keptCount(): number {
  return load().length
}

export function onKeptChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const isUnavailable = (error: unknown): boolean => error instanceof CallError && error.code === 'UNAVAILABLE'

function keep<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
  const items = load()
  if (items.length >= MAX_KEPT) {
    return Promise.reject(
      new CallError({ code: 'UNAVAILABLE', message: 'Too many changes are waiting for the connection.' }),
    )
  }
  const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`
  store([...items, { id, method, params, at: Date.now() }])
  return new Promise((resolve, reject) => {
    waiting.set(id, (outcome) =>
      outcome.ok ? resolve(outcome.result as MethodResult<M>) : reject(outcome.error),
    )
  })
}

export interface OutboxHooks {
  /** After kept writes were made: the window refetches what it shows. */
  onFlushed: (count: number) => void
  /** A kept write the core refused (it changed meanwhile, or the input is no longer valid). */
  onRefused: (error: unknown) => void
}

/** Wraps a client so the writes above survive a lost connection; the rest passes through unchanged. */
export function withOutbox(client: CairnClient, hooks: OutboxHooks): CairnClient {
  let flushing = false
  const flush = async (): Promise<void> => {
    if (flushing) return
    flushing = true
    let made = 0
    try {
      for (;;) {
        const next = load()[0]
        if (!next || connectionState() !== 'open') break
        try {
          const result = await client.call(next.method, next.params as never)
          made += 1
          waiting.get(next.id)?.({ ok: true, result })
        } catch (error) {
          // Dropped again: it stays, and goes at the next connection.
          if (isUnavailable(error)) break
          hooks.onRefused(error)
          waiting.get(next.id)?.({ ok: false, error })
        }
        waiting.delete(next.id)
        store(load().filter((item) => item.id !== next.id))
      }
    } finally {
      flushing = false
      if (made > 0) hooks.onFlushed(made)
    }
  }
  onConnectionChange(() => {
    if (connectionState() === 'open') void flush()
  })
  if (connectionState() === 'open') void flush()

  return {
    on: client.on.bind(client),
    async call(method, params) {
      if (!KEPT.has(method)) return client.call(method, params)
      // Writes queue behind the ones kept earlier, so they are made in the order they were asked for.
      if (connectionState() !== 'open' || load().length > 0) {
        const kept = keep(method, params)
        void flush()
        return kept
      }
      try {
        return await client.call(method, params)
      } catch (error) {
        if (!isUnavailable(error) || CREATES.has(method)) throw error
        const kept = keep(method, params)
        void flush()
        return kept
      }
    },
  }
}
