import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** One scripted answer of the stand-in provider. */
export type Script =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string>; delayMs?: number }
  | { kind: 'raw'; status?: number; text: string; headers?: Record<string, string> }
  | { kind: 'sse'; events: string[]; gapMs?: number; endWithoutDone?: boolean; stallAfter?: number }
  | { kind: 'hang' }

export interface RecordedRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: Record<string, unknown> | null
}

/**
 * A scripted OpenAI-compatible server on 127.0.0.1: the stand-in for a remote LLM provider. Each request
 * takes the next script queued for its path; an unscripted request gets a 500.
 */
export class FakeLlmServer {
  readonly requests: RecordedRequest[] = []
  /** The most requests the server was answering at one time. */
  maxInFlight = 0
  private inFlight = 0
  private readonly scripts = new Map<string, Script[]>()
  private readonly server = http.createServer((request, response) => void this.handle(request, response))
  private readonly sockets = new Set<Socket>()
  baseUrl = ''
  /** Answers by content before the per-path scripts (e.g. by the task a prompt names); undefined falls through. */
  route: ((request: RecordedRequest) => Script | undefined) | null = null

  /** Requests whose connection is still open: 0 once a client that gave up has closed its request. */
  get openRequests(): number {
    return this.inFlight
  }

  async start(): Promise<this> {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`
    return this
  }

  script(path: string, ...scripts: Script[]): this {
    this.scripts.set(path, [...(this.scripts.get(path) ?? []), ...scripts])
    return this
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    this.inFlight += 1
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    response.once('close', () => (this.inFlight -= 1))
    let text = ''
    for await (const chunk of request) text += String(chunk)
    const path = (request.url ?? '/').replace(/^\/v1/, '')
    let body: Record<string, unknown> | null
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : null
    } catch {
      body = null
    }
    const recorded = { method: request.method ?? 'GET', path, headers: request.headers, body }
    this.requests.push(recorded)
    const script = this.route?.(recorded) ?? this.scripts.get(path)?.shift()
    if (!script) {
      response.writeHead(500, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ error: { message: `no script for ${path}` } }))
      return
    }
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    switch (script.kind) {
      case 'hang':
        return
      case 'json':
        if (script.delayMs) await pause(script.delayMs)
        response.writeHead(script.status ?? 200, { 'Content-Type': 'application/json', ...script.headers })
        response.end(JSON.stringify(script.body))
        return
      case 'raw':
        response.writeHead(script.status ?? 200, { 'Content-Type': 'application/json', ...script.headers })
        response.end(script.text)
        return
      case 'sse': {
        response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
        for (const [index, event] of script.events.entries()) {
          if (script.stallAfter !== undefined && index === script.stallAfter) return
          response.write(`data: ${event}\n\n`)
          if (script.gapMs) await pause(script.gapMs)
        }
        if (!script.endWithoutDone) response.write('data: [DONE]\n\n')
        response.end()
        return
      }
    }
  }
}

/** An OpenAI streaming chunk with some text. */
export const delta = (content: string, model = 'test-model') =>
  JSON.stringify({ model, choices: [{ index: 0, delta: { content }, finish_reason: null }] })

export const finish = (reason = 'stop') =>
  JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: reason }] })

/** The final chunk OpenAI sends when stream_options.include_usage is set. */
export const usageChunk = (prompt: number, completion: number) =>
  JSON.stringify({
    choices: [],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  })

export const completion = (content: string, prompt = 10, completionTokens = 5) => ({
  id: 'chatcmpl-test',
  model: 'test-model',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: {
    prompt_tokens: prompt,
    completion_tokens: completionTokens,
    total_tokens: prompt + completionTokens,
  },
})
