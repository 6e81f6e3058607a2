import WebSocket from 'ws'

export interface RpcReply {
  jsonrpc: '2.0'
  id: number | string | null
  result?: unknown
  error?: {
    code: number
    message: string
    data?: { code: string; issues?: { path: (string | number)[]; message: string }[] }
  }
}

export interface RpcEvent {
  name: string
  data: Record<string, unknown>
}

/** A minimal JSON-RPC 2.0 client over the host's WebSocket, as any tool would write one. */
export class RpcClient {
  readonly events: RpcEvent[] = []
  private readonly waiting = new Map<number | string, (reply: RpcReply) => void>()
  private readonly raw: unknown[] = []
  private nextId = 1

  private constructor(readonly socket: WebSocket) {
    // A call whose reply never came because the socket closed must not hang the test.
    socket.on('close', () => {
      for (const [id, settle] of this.waiting) {
        settle({
          jsonrpc: '2.0',
          id,
          error: { code: -32000, message: 'socket closed before the reply', data: { code: 'UNAVAILABLE' } },
        })
      }
      this.waiting.clear()
    })
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as unknown
      this.raw.push(message)
      if (Array.isArray(message)) return
      const reply = message as RpcReply & { method?: string; params?: RpcEvent }
      if (reply.method === 'event' && reply.params) {
        this.events.push(reply.params)
        return
      }
      if (reply.id !== null && reply.id !== undefined) {
        this.waiting.get(reply.id)?.(reply)
        this.waiting.delete(reply.id)
      }
    })
  }

  static connect(rpcUrl: string, token: string, headers: Record<string, string> = {}): Promise<RpcClient> {
    const socket = new WebSocket(`${rpcUrl}?token=${encodeURIComponent(token)}`, { headers })
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RpcClient(socket)))
      socket.once('error', reject)
      socket.once('unexpected-response', (_request, response) =>
        reject(Object.assign(new Error(`HTTP ${response.statusCode}`), { statusCode: response.statusCode })),
      )
    })
  }

  /** Sends a request and resolves with the whole JSON-RPC reply. */
  request(method: string, params?: unknown): Promise<RpcReply> {
    const id = this.nextId++
    return this.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }, id)
  }

  /** Sends a request and resolves with its result, failing on an error reply. */
  async call<T = Record<string, unknown>>(method: string, params: unknown = {}): Promise<T> {
    const reply = await this.request(method, params)
    if (reply.error) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`)
    return reply.result as T
  }

  send(payload: unknown, id: number | string): Promise<RpcReply> {
    return new Promise((resolve) => {
      this.waiting.set(id, resolve)
      this.socket.send(typeof payload === 'string' ? payload : JSON.stringify(payload))
    })
  }

  /** Sends raw text and resolves with the next message that is not an event. */
  sendRaw(text: string): Promise<unknown> {
    const seen = this.raw.length
    this.socket.send(text)
    return new Promise((resolve) => {
      const check = (): void => {
        const next = this.raw
          .slice(seen)
          .find((message) => Array.isArray(message) || (message as { method?: string }).method !== 'event')
        if (next !== undefined) resolve(next)
        else setTimeout(check, 5)
      }
      check()
    })
  }

  async waitForEvent(
    name: string,
    predicate: (data: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<RpcEvent> {
    const started = Date.now()
    for (;;) {
      const found = this.events.find((event) => event.name === name && predicate(event.data))
      if (found) return found
      if (Date.now() - started > timeoutMs) throw new Error(`No ${name} event within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  close(): void {
    this.socket.close()
  }
}
