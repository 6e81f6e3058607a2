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

/**
 * Which refusal of a code it is, where a client must tell it from the others of that code without reading the
 * words (they change, and a window may say them in another language). Never rename one either.
 * NO_KEYRING: ai.setApiKey refused because the OS offers no keyring (Linux basic_text) and the person has not
 * consented to an obfuscated file (FAILED_PRECONDITION).
 */
export const ERROR_DETAILS = ['NO_KEYRING'] as const

export type ErrorDetail = (typeof ERROR_DETAILS)[number]

export const isErrorDetail = (value: unknown): value is ErrorDetail =>
  typeof value === 'string' && (ERROR_DETAILS as readonly string[]).includes(value)

export interface InputIssue {
  /** Path of the offending field, e.g. `["tags", 2]`; empty for the whole input. */
  path: (string | number)[]
  message: string
}

export interface AppErrorShape {
  code: ErrorCode
  message: string
  issues?: InputIssue[]
  detail?: ErrorDetail
}

/** The one error type the core throws on purpose; anything else becomes INTERNAL at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly issues: InputIssue[] | undefined
  readonly detail: ErrorDetail | undefined

  constructor(code: ErrorCode, message: string, issues?: InputIssue[], detail?: ErrorDetail) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.issues = issues
    this.detail = detail
  }

  /** The error a shape describes, its detail kept. */
  static from(shape: AppErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.issues, shape.detail)
  }

  toShape(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.detail ? { detail: this.detail } : {}),
    }
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
