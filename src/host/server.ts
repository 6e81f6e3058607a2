import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import sirv from 'sirv'
import { WebSocketServer } from 'ws'
import type { WebSocket } from 'ws'
import type { CoreConnection } from '../core/runtime/connection'
import { SECURITY_HEADERS, isOwnHost, newToken, tokensMatch } from './httpSecurity'
import { handleRpcText } from './jsonRpc'
import type { Call } from './jsonRpc'
import type { HostLimits } from './limits'
import { DEFAULT_HOST_LIMITS } from './limits'

export interface HostOptions {
  core: CoreConnection
  port: number
  rendererDir: string
  /** What one client may cost; the defaults unless a test passes smaller ones. */
  limits?: Partial<HostLimits>
  /** Told when the host closes a client on its own (one line for the operator's log). */
  log?: (message: string) => void
}

export interface RunningHost {
  port: number
  token: string
  url: string
  rpcUrl: string
  /** Stops accepting, waits for calls in flight, then closes the sockets and the HTTP server. */
  close(): Promise<void>
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  socket.destroy()
}

function rendererHandler(rendererDir: string): http.RequestListener {
  if (!fs.existsSync(`${rendererDir}/index.html`)) {
    return (_request, response) => {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
      response.end(
        'The Cairn window has not been built yet. Run `npm run build` and start `npm run serve` again.\n',
      )
    }
  }
  const assets = sirv(rendererDir, { etag: true, single: true, dotfiles: false })
  return (request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value)
    // The pages are static: nothing here takes a body, so nothing else is read.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
      response.end('Only GET and HEAD are answered here.\n')
      return
    }
    assets(request, response, () => {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end('Not found\n')
    })
  }
}

/** Serves the built renderer over HTTP and the contract as JSON-RPC 2.0 over WebSocket, on 127.0.0.1 only. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = newToken()
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS, ...options.limits }
  const log = options.log ?? (() => {})
  const serveRenderer = rendererHandler(options.rendererDir)
  const inFlight = new Set<Promise<unknown>>()
  const sockets = new Set<WebSocket>()
  let port = 0
  let closing = false

  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default), so it sets how late they can fire.
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (request, response) => {
      if (!isOwnHost(request.headers.host, port)) {
        response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' })
        response.end('Cairn only answers requests addressed to 127.0.0.1 or localhost.\n')
        return
      }
      serveRenderer(request, response)
    },
  )
  server.maxConnections = limits.maxConnections
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes })

  /**
   * Every message to a client goes through here. A client that does not read lets its replies pile up in this
   * process (ws buffers them without bound): once more than the limit waits, it is closed instead.
   */
  const sendTo = (ws: WebSocket, text: string): void => {
    if (ws.readyState !== ws.OPEN) return
    ws.send(text)
    if (ws.bufferedAmount <= limits.maxBufferedBytes) return
    log(
      `closed a client that was not reading its replies (${Math.round(ws.bufferedAmount / (1024 * 1024))} MB waiting, limit ${Math.round(limits.maxBufferedBytes / (1024 * 1024))} MB)`,
    )
    sockets.delete(ws)
    ws.terminate()
  }

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (closing) return refuse(socket, 503, 'Service Unavailable')
    if (url.pathname !== '/rpc') return refuse(socket, 404, 'Not Found')
    if (!isOwnHost(request.headers.host, port)) return refuse(socket, 421, 'Misdirected Request')
    if (!tokensMatch(url.searchParams.get('token'), token)) return refuse(socket, 401, 'Unauthorized')
    if (sockets.size >= limits.maxClients) return refuse(socket, 503, 'Service Unavailable')
    const origin = request.headers.origin
    if (
      origin !== undefined &&
      origin !== `http://127.0.0.1:${port}` &&
      origin !== `http://localhost:${port}`
    ) {
      return refuse(socket, 403, 'Forbidden')
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws))
  })

  // Each open socket's heartbeat state; the sockets set stays the one list of who is connected.
  const liveness = new WeakMap<WebSocket, { answered: boolean; answering: () => number }>()
  const heartbeat = setInterval(() => {
    for (const ws of sockets) {
      const state = liveness.get(ws)
      if (!state) continue
      if (!state.answered && state.answering() === 0) {
        log('closed a client that stopped answering pings')
        sockets.delete(ws)
        ws.terminate()
        continue
      }
      state.answered = false
      if (ws.readyState === ws.OPEN) ws.ping()
    }
  }, limits.pingIntervalMs)
  heartbeat.unref()

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws)
    let answering = 0
    const state = { answered: true, answering: () => answering }
    liveness.set(ws, state)
    ws.on('pong', () => (state.answered = true))
    ws.on('close', () => sockets.delete(ws))
    // A frame over maxPayload (or a broken frame) makes ws close that socket with 1009/1002 and emit 'error';
    // without a listener that error would end the whole host, and every other client with it.
    ws.on('error', () => sockets.delete(ws))
    const call: Call = (method, params) =>
      closing || ws.readyState !== ws.OPEN
        ? Promise.resolve({
            ok: false,
            error: { code: 'UNAVAILABLE', message: 'Cairn is shutting down; nothing was done.' },
          })
        : options.core.callSerialized(method, params)
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        sendTo(
          ws,
          JSON.stringify({
            jsonrpc: '2.0',
            id: null,
            error: { code: -32700, message: 'Send JSON text frames, not binary.' },
          }),
        )
        return
      }
      // Backpressure: a client that sends faster than the core answers waits in its own TCP buffers, not here.
      answering += 1
      if (answering >= limits.maxInFlightPerClient) ws.pause()
      const work = handleRpcText(data.toString(), call, limits)
        .then((reply) => {
          if (reply !== null) sendTo(ws, reply)
        })
        .catch((error: unknown) => {
          log(`a call failed outside the core: ${error instanceof Error ? error.message : String(error)}`)
          sendTo(
            ws,
            JSON.stringify({
              jsonrpc: '2.0',
              id: null,
              error: {
                code: -32000,
                message: 'Cairn could not answer that message.',
                data: { code: 'INTERNAL' },
              },
            }),
          )
        })
        .finally(() => {
          answering -= 1
          if (answering < limits.maxInFlightPerClient && ws.readyState === ws.OPEN) ws.resume()
        })
      inFlight.add(work)
      void work.finally(() => inFlight.delete(work))
    })
  })

  const unsubscribe = options.core.onEvent((event) => {
    const text = JSON.stringify({ jsonrpc: '2.0', method: 'event', params: event })
    for (const ws of sockets) sendTo(ws, text)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`

  return {
    port,
    token,
    url: `${origin}/#token=${token}`,
    rpcUrl: `ws://127.0.0.1:${port}/rpc`,
    async close() {
      closing = true
      clearInterval(heartbeat)
      server.close()
      await Promise.allSettled([...inFlight])
      unsubscribe()
      for (const ws of sockets) ws.close(1001, 'Cairn is shutting down')
      wss.close()
      server.closeAllConnections()
    },
  }
}
