import type { CoreConnection } from '../src/core/runtime/connection'
import type { Core } from '../src/core/runtime/createCore'
import type { CallResponse } from '../src/shared/contract/errors'
import type { MethodName } from '../src/shared/contract/methods'
import type { MethodParams, MethodResult } from '../src/shared/contract/methods'
import { resultOf } from '../src/shared/client'

/** One contract call with a check of its answer, so a broken call can never pass for a fast one. */
export interface Request {
  method: MethodName
  params: unknown
  /** Checks a successful answer, typed from the contract by the method it was made for. */
  check(response: CallResponse): void
}

export function request<M extends MethodName>(
  method: M,
  params: MethodParams<M>,
  check: (result: MethodResult<M>) => void = () => undefined,
): Request {
  return { method, params, check: (response) => check(resultOf(method, response)) }
}

export function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench check failed: ${message}`)
}

function unwrap(req: Request, response: CallResponse): unknown {
  if (!response.ok) throw new Error(`${req.method} failed: ${response.error.code} ${response.error.message}`)
  req.check(response)
  return response.result
}

/** Calls core.dispatch on this thread: the cost of the core itself, with no transport. */
export function dispatchSync(core: Core, req: Request): unknown {
  const response = core.dispatch(req.method, req.params)
  if (response instanceof Promise) throw new Error(`${req.method} answers asynchronously; use callAsync`)
  return unwrap(req, response)
}

/** Calls through a CoreConnection: to the worker thread, or in-process as a transport would. */
export async function callAsync(connection: CoreConnection, req: Request): Promise<unknown> {
  return unwrap(req, await connection.call(req.method, req.params))
}
