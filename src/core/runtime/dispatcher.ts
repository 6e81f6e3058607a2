import { z } from 'zod'
import type { CallResponse } from '../../shared/contract/errors'
import { methods, isMethodName } from '../../shared/contract/methods'
import type { MethodName } from '../../shared/contract/methods'
import type { Handlers } from './registry'
import { invalidInput, toErrorShape } from './errorMapping'
import { checkInputShape } from './inputShape'

export interface DispatcherOptions {
  /** Check every result against its output schema (tests turn this on; it costs time on large lists). */
  validateOutput?: boolean
  /** Told about every failure that became INTERNAL, with the original error. */
  onInternalError?: (method: string, error: unknown) => void
}

export type Dispatch = (method: string, params: unknown) => CallResponse | Promise<CallResponse>

/** Validates input before any work, runs the handler, and turns every failure into a stable error value. */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  return (method, params) => {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${JSON.stringify(method).slice(0, 200)}.` },
      }
    }
    const spec = methods[method]
    // Both transports (IPC and the host) and in-process callers come through here.
    const shapeProblem = checkInputShape(params)
    if (shapeProblem) return { ok: false, error: shapeProblem }
    const parsed = spec.input.safeParse(params ?? {})
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) }
    const fail = (error: unknown): CallResponse => {
      const shape = toErrorShape(error)
      if (shape.code === 'INTERNAL') options.onInternalError?.(method satisfies MethodName, error)
      return { ok: false, error: shape }
    }
    const succeed = (result: unknown): CallResponse => {
      if (options.validateOutput) {
        // A result that breaks the contract is our bug, not the caller's: it must surface as INTERNAL.
        const checked = spec.output.safeParse(result)
        if (!checked.success) {
          throw new Error(`Result of ${method} breaks its schema: ${z.prettifyError(checked.error)}`)
        }
      }
      return { ok: true, result }
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown
      const result = handler(parsed.data)
      if (result instanceof Promise) {
        return result.then(succeed).catch(fail)
      }
      return succeed(result)
    } catch (error) {
      return fail(error)
    }
  }
}
