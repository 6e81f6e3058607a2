import type { ErrorDetail, SerializedCallResponse } from '../shared/contract/errors'

/** JSON-RPC 2.0 error codes, and the app's stable codes they carry in error.data.code. */
export const RPC_ERRORS = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  app: -32000,
} as const

type RpcId = string | number | null

export interface RpcError {
  code: number
  message: string
  data?: { code: string; issues?: unknown; detail?: ErrorDetail }
}

export type RpcResponse =
  { jsonrpc: '2.0'; id: RpcId; result: unknown } | { jsonrpc: '2.0'; id: RpcId; error: RpcError }

interface RpcRequest {
  id: RpcId
  isNotification: boolean
  method: string
  params: unknown
}

/** Results come as JSON text (the core's worker wrote it) and go into the reply as they are. */
export type Call = (method: string, params: unknown) => Promise<SerializedCallResponse>

const failure = (id: RpcId, error: RpcError): RpcResponse => ({ jsonrpc: '2.0', id, error })

export function toRpcError(response: Extract<SerializedCallResponse, { ok: false }>): RpcError {
  const { error } = response
  if (error.code === 'UNKNOWN_METHOD')
    return { code: RPC_ERRORS.methodNotFound, message: error.message, data: { code: error.code } }
  if (error.code === 'INVALID_INPUT') {
    return {
      code: RPC_ERRORS.invalidParams,
      message: error.message,
      data: { code: error.code, issues: error.issues ?? [] },
    }
  }
  return {
    code: RPC_ERRORS.app,
    message: error.message,
    data: { code: error.code, ...(error.detail ? { detail: error.detail } : {}) },
  }
}

function parseRequest(value: unknown): RpcRequest | RpcResponse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return failure(null, { code: RPC_ERRORS.invalidRequest, message: 'A request must be a JSON object.' })
  }
  const request = value as Record<string, unknown>
  const hasId = Object.prototype.hasOwnProperty.call(request, 'id')
  const id = request.id
  const validId =
    !hasId || id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))
  const replyId: RpcId = validId && hasId ? (id as RpcId) : null
  if (request.jsonrpc !== '2.0' || typeof request.method !== 'string' || !validId) {
    return failure(replyId, {
      code: RPC_ERRORS.invalidRequest,
      message:
        'Not a JSON-RPC 2.0 request: it needs jsonrpc "2.0", a string method and an optional string or number id.',
    })
  }
  const params = request.params
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    return failure(replyId, {
      code: RPC_ERRORS.invalidParams,
      message: 'params must be an object of named parameters.',
      data: { code: 'INVALID_INPUT', issues: [{ path: [], message: 'expected an object' }] },
    })
  }
  return { id: replyId, isNotification: !hasId, method: request.method, params: params ?? {} }
}

export interface RpcLimits {
  /** Most calls in one batch; a bigger one is refused whole. */
  maxBatch: number
  /** Most bytes of one reply (a batch's replies together). */
  maxReplyBytes: number
}

function replyTooLarge(id: RpcId, bytes: number, limit: number): string {
  const megabytes = (value: number): string => (value / (1024 * 1024)).toFixed(1)
  return JSON.stringify(
    failure(id, {
      code: RPC_ERRORS.app,
      message: `The call ran, but its answer (${megabytes(bytes)} MB with the replies before it) is over the host's limit of ${megabytes(limit)} MB per reply; ask for fewer items or send fewer calls per batch.`,
      data: { code: 'FAILED_PRECONDITION' },
    }),
  )
}

/**
 * One reply as JSON text; a result is spliced in as the text it already is, never parsed here. `budget` is
 * what the reply may still add; an answer over it becomes an error naming the limit, so no reply outgrows it.
 */
async function handleOne(value: unknown, call: Call, budget: number, limit: number): Promise<string | null> {
  const request = parseRequest(value)
  if ('jsonrpc' in request) return JSON.stringify(request)
  const response = await call(request.method, request.params)
  if (request.isNotification) return null
  const reply = response.ok
    ? `{"jsonrpc":"2.0","id":${JSON.stringify(request.id)},"result":${response.resultJson}}`
    : JSON.stringify(failure(request.id, toRpcError(response)))
  const bytes = Buffer.byteLength(reply)
  return bytes <= budget ? reply : replyTooLarge(request.id, limit - budget + bytes, limit)
}

/**
 * Answers one WebSocket text frame (a request, a notification or a batch) with the reply's JSON text; null when
 * nothing is owed. A batch runs one call after another (the core answers them in turn anyway), so the host never
 * holds more than the reply limit plus one answer.
 */
export async function handleRpcText(text: string, call: Call, limits: RpcLimits): Promise<string | null> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return JSON.stringify(
      failure(null, { code: RPC_ERRORS.parse, message: 'The message is not valid JSON.' }),
    )
  }
  if (!Array.isArray(value)) return handleOne(value, call, limits.maxReplyBytes, limits.maxReplyBytes)
  if (value.length === 0)
    return JSON.stringify(
      failure(null, { code: RPC_ERRORS.invalidRequest, message: 'A batch must not be empty.' }),
    )
  if (value.length > limits.maxBatch) {
    return JSON.stringify(
      failure(null, {
        code: RPC_ERRORS.invalidRequest,
        message: `A batch may hold at most ${limits.maxBatch} calls, not ${value.length}; nothing was run. Split it.`,
      }),
    )
  }
  const replies: string[] = []
  let budget = limits.maxReplyBytes
  for (const item of value) {
    const reply = await handleOne(item, call, budget, limits.maxReplyBytes)
    if (reply === null) continue
    replies.push(reply)
    // Errors in place of answers are small; they may go slightly over so every call still gets its id back.
    budget = Math.max(0, budget - Buffer.byteLength(reply) - 1)
  }
  return replies.length > 0 ? `[${replies.join(',')}]` : null
}
