import type { AppErrorShape, ErrorCode, InputIssue } from '../../../shared/contract/errors'
import type { EventData, EventName } from '../../../shared/contract/events'
import type { MethodName } from '../../../shared/contract/methods'
import type { MethodParams, MethodResult } from '../../../shared/contract/methods'
import type { Transport } from './transport'
import { webSocketTransport } from './wsTransport'

/** A failed call, with the core's stable code for the UI to act on. */
export class CallError extends Error {
  readonly code: ErrorCode
  readonly issues: InputIssue[]

  constructor(shape: AppErrorShape) {
    super(shape.message)
    this.name = 'CallError'
    this.code = shape.code
    this.issues = shape.issues ?? []
  }
}

export interface CairnClient {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>
  on<E extends EventName>(name: E, listener: (data: EventData<E>) => void): () => void
}

export function createClient(transport: Transport): CairnClient {
  return {
    async call(method, params) {
      const response = await transport.call(method, params)
      if (!response.ok) throw new CallError(response.error)
      return response.result as MethodResult<typeof method>
    },
    on(name, listener) {
      return transport.onEvent((event) => {
        if (event.name === name) listener(event.data as EventData<typeof name>)
      })
    },
  }
}

const TOKEN_KEY = 'cairn.token'

/** The token arrives in the URL fragment (never sent to a server); kept for reloads of this tab. */
function hostToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token')
  if (fromHash) {
    window.sessionStorage.setItem(TOKEN_KEY, fromHash)
    // The fragment belongs to the router from here on; the token also leaves the address bar.
    window.history.replaceState(null, '', '#/')
    return fromHash
  }
  return window.sessionStorage.getItem(TOKEN_KEY) ?? ''
}

/** window.cairn inside the desktop app, the host's WebSocket in a browser. */
export function connect(): CairnClient {
  if (window.cairn) return createClient(window.cairn)
  const url = `ws://${window.location.host}/rpc?token=${encodeURIComponent(hostToken())}`
  return createClient(webSocketTransport(url))
}
