import type { BridgeEvent } from '../../../shared/bridge'
import { isErrorDetail } from '../../../shared/contract/errors'
import type { CallResponse } from '../../../shared/contract/errors'
import type { Transport } from './transport'
import { setConnectionState } from './connection'

interface RpcReply {
  id?: number | string | null
  result?: unknown
  error?: { code: number; message: string; data?: { code?: string; issues?: unknown; detail?: unknown } }
  method?: string
  params?: BridgeEvent
}

/** Messages of the calls failed by a dropped socket; lib/errors.ts puts them in the interface's words. */
export const CONNECTION_LOST = 'Lost the connection to Cairn; reconnecting.'
export const CANNOT_CONNECT =
  'Cannot connect to Cairn. Open the address that `npm run serve` printed: it carries this session’s access token.'

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000]

/** JSON-RPC 2.0 over the headless host's WebSocket, reconnecting with backoff when the socket drops. */
export function webSocketTransport(url: string): Transport {
  const pending = new Map<number, (response: CallResponse) => void>()
  const listeners = new Set<(event: BridgeEvent) => void>()
  const queue: string[] = []
  let socket: WebSocket | null = null
  let nextId = 1
  let attempt = 0
  let everOpened = false

  const failPending = (message: string): void => {
    queue.length = 0
    for (const settle of pending.values()) settle({ ok: false, error: { code: 'UNAVAILABLE', message } })
    pending.clear()
  }

  const onMessage = (text: string): void => {
    const reply = JSON.parse(text) as RpcReply
    if (reply.method === 'event' && reply.params) {
      for (const listener of listeners) listener(reply.params)
      return
    }
    if (typeof reply.id !== 'number') return
    const settle = pending.get(reply.id)
    pending.delete(reply.id)
    if (!settle) return
    if (reply.error) {
      const code = reply.error.data?.code ?? 'INTERNAL'
      const issues = Array.isArray(reply.error.data?.issues) ? reply.error.data.issues : undefined
      // A detail this build does not know is left out: it cannot act on it.
      const detail = isErrorDetail(reply.error.data?.detail) ? reply.error.data.detail : undefined
      settle({
        ok: false,
        error: {
          code: code as 'INTERNAL',
          message: reply.error.message,
          ...(issues ? { issues } : {}),
          ...(detail ? { detail } : {}),
        },
      })
    } else settle({ ok: true, result: reply.result })
  }

  const open = (): void => {
    const current = new WebSocket(url)
    socket = current
    current.onopen = () => {
      attempt = 0
      everOpened = true
      setConnectionState('open')
      for (const text of queue.splice(0)) current.send(text)
    }
    current.onmessage = (message) => onMessage(String(message.data))
    current.onclose = () => {
      // Told at once, so the window stops saying "Connected" the moment the host goes away.
      setConnectionState(everOpened ? 'lost' : 'refused')
      failPending(everOpened ? CONNECTION_LOST : CANNOT_CONNECT)
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 5000
      attempt += 1
      setTimeout(open, delay)
    }
  }
  open()

  return {
    call(method, params) {
      const id = nextId++
      const text = JSON.stringify({ jsonrpc: '2.0', id, method, params })
      return new Promise((resolve) => {
        pending.set(id, resolve)
        if (socket?.readyState === WebSocket.OPEN) socket.send(text)
        else queue.push(text)
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
