import type { CoreConnection } from '../src/core/runtime/connection'
import type { Core } from '../src/core/runtime/createCore'
import type { CallResponse } from '../src/shared/contract/errors'
import type { MethodName } from '../src/shared/contract/methods'
import type { MethodParams, MethodResult } from '../src/shared/contract/methods'

/** One contract call with a check of its answer, so a broken call can never pass for a fast one. */
export interface Request {
  method: MethodName
  params: unknown
  check(result: unknown): void
}

export function request<M extends MethodName>(
  method: M,
  params: MethodParams<M>,
  check: (result: MethodResult<M>) => void = () => undefined,
): Request {
  return { method, params, check: (result) => check(result as MethodResult<M>) }
}

export function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench check failed: ${message}`)
}

function unwrap(method: string, response: CallResponse): unknown {
  if (!response.ok) throw new Error(`${method} failed: ${response.error.code} ${response.error.message}`)
  return response.result
}

/** Calls core.dispatch on this thread: the cost of the core itself, with no transport. */
export function dispatchSync(core: Core, req: Request): unknown {
  const response = core.dispatch(req.method, req.params)
  if (response instanceof Promise) throw new Error(`${req.method} answers asynchronously; use callAsync`)
  const result = unwrap(req.method, response)
  req.check(result)
  return result
}

/** Calls through a CoreConnection: to the worker thread, or in-process as a transport would. */
export async function callAsync(connection: CoreConnection, req: Request): Promise<unknown> {
  const result = unwrap(req.method, await connection.call(req.method, req.params))
  req.check(result)
  return result
}
