import type { CairnBridge } from './bridge'
import type { AppErrorShape, CallResponse, ErrorCode, ErrorDetail, InputIssue } from './contract/errors'
import type { EventData, EventName } from './contract/events'
import type { MethodName, MethodParams, MethodResult } from './contract/methods'

/** A failed call, with the core's stable code for the caller to act on. */
export class CallError extends Error {
  readonly code: ErrorCode
  readonly issues: InputIssue[]
  /** Which refusal of its code it is, when a client must tell (the words are not for that). */
  readonly detail: ErrorDetail | undefined

  constructor(shape: AppErrorShape) {
    super(shape.message)
    this.name = 'CallError'
    this.code = shape.code
    this.issues = shape.issues ?? []
    this.detail = shape.detail
  }
}

/**
 * Whatever carries calls to the core: the preload's window.cairn, the host's WebSocket, or a CoreConnection
 * (the Electron main process, tests and benches).
 */
export type Transport = Pick<CairnBridge, 'call' | 'onEvent'>

/** The one typed client: params and results typed from the contract, failures thrown as CallError. */
export interface CairnClient {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>
  on<E extends EventName>(name: E, listener: (data: EventData<E>) => void): () => void
}

/**
 * The result of a call to `method`, typed from the contract, or its failure thrown as CallError. The one place
 * an answer is given its type: the core validated the input and (in tests) the output against this contract.
 */
export function resultOf<M extends MethodName>(_method: M, response: CallResponse): MethodResult<M> {
  if (!response.ok) throw new CallError(response.error)
  return response.result as MethodResult<M>
}

export function createClient(transport: Transport): CairnClient {
  return {
    async call(method, params) {
      return resultOf(method, await transport.call(method, params))
    },
    on(name, listener) {
      return transport.onEvent((event) => {
        if (event.name === name) listener(event.data as EventData<typeof name>)
      })
    },
  }
}
