import { AppError, isAppErrorShape } from '../../shared/contract/errors'
import type { AppErrorShape } from '../../shared/contract/errors'
import type { CapabilityName, Platform, PlatformDescription } from './types'

/** A platform call sent from the worker to the thread that holds the real capabilities. */
export interface PlatformRequest {
  id: number
  capability: string
  method: string
  args: unknown[]
}

export type PlatformReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: AppErrorShape | { code: null; message: string } }

/** Function-valued properties of an object, own or inherited (a capability may be a class instance). */
function methodNames(target: object): string[] {
  const names = new Set<string>()
  for (let level: object | null = target; level && level !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (name !== 'constructor' && typeof (target as Record<string, unknown>)[name] === 'function') {
        names.add(name)
      }
    }
    level = Object.getPrototypeOf(level) as object | null
  }
  return [...names].sort()
}

export function describePlatform(platform: Platform): PlatformDescription {
  const description: PlatformDescription = {}
  // Every capability present is described, so adding one to Platform needs no change here.
  for (const name of Object.keys(platform) as CapabilityName[]) {
    const capability: unknown = platform[name]
    if (capability && typeof capability === 'object') description[name] = methodNames(capability)
  }
  return description
}

/**
 * The platform as the worker sees it: every described method forwards its arguments to `send` and resolves
 * with the answer. Errors keep their AppError code when they had one.
 */
export function platformProxy(
  description: PlatformDescription,
  send: (capability: string, method: string, args: unknown[]) => Promise<unknown>,
): Platform {
  const platform: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {}
  for (const [capability, methods] of Object.entries(description)) {
    const proxy: Record<string, (...args: unknown[]) => Promise<unknown>> = {}
    for (const method of methods) proxy[method] = (...args) => send(capability, method, args)
    platform[capability] = proxy
  }
  return platform as Platform
}

/** Tracks the worker's outstanding platform calls; `settle` is fed every reply, `failAll` on shutdown. */
export function platformRequester(post: (request: PlatformRequest) => void): {
  send: (capability: string, method: string, args: unknown[]) => Promise<unknown>
  settle: (reply: PlatformReply) => void
  failAll: (message: string) => void
} {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let nextId = 1
  return {
    send(capability, method, args) {
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        post({ id, capability, method, args })
      })
    },
    settle(reply) {
      const waiting = pending.get(reply.id)
      pending.delete(reply.id)
      if (!waiting) return
      if (reply.ok) waiting.resolve(reply.value)
      else if (reply.error.code === null) waiting.reject(new Error(reply.error.message))
      else waiting.reject(AppError.from(reply.error))
    },
    failAll(message) {
      for (const waiting of pending.values()) waiting.reject(new AppError('UNAVAILABLE', message))
      pending.clear()
    },
  }
}

/** Runs a request from the worker against the real platform; never throws, every failure becomes a reply. */
export async function answerPlatformRequest(
  platform: Platform,
  request: PlatformRequest,
): Promise<PlatformReply> {
  const capability = (platform as Record<string, unknown>)[request.capability]
  const method =
    capability && typeof capability === 'object'
      ? (capability as Record<string, unknown>)[request.method]
      : undefined
  if (typeof method !== 'function') {
    return {
      id: request.id,
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: `The platform offers no ${request.capability}.${request.method}.`,
      },
    }
  }
  try {
    const value: unknown = await (method as (...args: unknown[]) => unknown).apply(capability, request.args)
    return { id: request.id, ok: true, value }
  } catch (error) {
    if (error instanceof AppError) return { id: request.id, ok: false, error: error.toShape() }
    if (isAppErrorShape(error)) return { id: request.id, ok: false, error }
    return {
      id: request.id,
      ok: false,
      error: { code: null, message: error instanceof Error ? error.message : String(error) },
    }
  }
}
