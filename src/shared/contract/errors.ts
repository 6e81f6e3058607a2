/** Stable error codes that cross the contract boundary. Never rename one: clients switch on them. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'UNKNOWN_METHOD',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface InputIssue {
  /** Path of the offending field, e.g. `["tags", 2]`; empty for the whole input. */
  path: (string | number)[]
  message: string
}

export interface AppErrorShape {
  code: ErrorCode
  message: string
  issues?: InputIssue[]
}

/** The one error type the core throws on purpose; anything else becomes INTERNAL at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly issues: InputIssue[] | undefined

  constructor(code: ErrorCode, message: string, issues?: InputIssue[]) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.issues = issues
  }

  toShape(): AppErrorShape {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message }
  }
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as { code?: unknown; message?: unknown }
  return (
    typeof candidate.message === 'string' &&
    typeof candidate.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(candidate.code)
  )
}

/** What every transport carries back for one call. */
export type CallResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: AppErrorShape }

/**
 * A CallResponse whose result is still JSON text. The core's worker writes it, so a large answer crosses the
 * thread that serves the UI (Electron's main process, the host's event loop) without being turned into objects
 * there: the renderer parses it, or the host puts it on the socket as it is.
 */
export type SerializedCallResponse = { ok: true; resultJson: string } | { ok: false; error: AppErrorShape }

export function serializeCallResponse(response: CallResponse): SerializedCallResponse {
  return response.ok ? { ok: true, resultJson: JSON.stringify(response.result) ?? 'null' } : response
}

export function parseCallResponse(response: SerializedCallResponse): CallResponse {
  return response.ok ? { ok: true, result: JSON.parse(response.resultJson) as unknown } : response
}
