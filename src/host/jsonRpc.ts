import type { SerializedCallResponse } from '../shared/contract/errors'

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
  data?: { code: string; issues?: unknown }
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

function toRpcError(response: Extract<SerializedCallResponse, { ok: false }>): RpcError {
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
  return { code: RPC_ERRORS.app, message: error.message, data: { code: error.code } }
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

/** One reply as JSON text; a result is spliced in as the text it already is, never parsed here. */
async function handleOne(value: unknown, call: Call): Promise<string | null> {
  const request = parseRequest(value)
  if ('jsonrpc' in request) return JSON.stringify(request)
  const response = await call(request.method, request.params)
  if (request.isNotification) return null
  return response.ok
    ? `{"jsonrpc":"2.0","id":${JSON.stringify(request.id)},"result":${response.resultJson}}`
    : JSON.stringify(failure(request.id, toRpcError(response)))
}

/**
 * Answers one WebSocket text frame (a request, a notification or a batch) with the reply's JSON text; null when
 * nothing is owed.
 */
export async function handleRpcText(text: string, call: Call): Promise<string | null> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return JSON.stringify(
      failure(null, { code: RPC_ERRORS.parse, message: 'The message is not valid JSON.' }),
    )
  }
  if (!Array.isArray(value)) return handleOne(value, call)
  if (value.length === 0)
    return JSON.stringify(
      failure(null, { code: RPC_ERRORS.invalidRequest, message: 'A batch must not be empty.' }),
    )
  const replies = (await Promise.all(value.map((item) => handleOne(item, call)))).filter(
    (reply): reply is string => reply !== null,
  )
  return replies.length > 0 ? `[${replies.join(',')}]` : null
}
