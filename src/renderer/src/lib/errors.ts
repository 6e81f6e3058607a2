import { CallError } from '../api/client'

/** A sentence a person can act on, from whatever a failed call threw. */
export function errorText(error: unknown): string {
  if (error instanceof CallError && error.issues.length > 0) {
    const issue = error.issues[0]
    return `${error.message}${issue ? ` (${issue.path.join('.') || 'input'}: ${issue.message})` : ''}`
  }
  return error instanceof Error ? error.message : String(error)
}

/** Lost connections are shown once, in the status banner, not as a toast per failed call. */
export function isConnectionError(error: unknown): boolean {
  return error instanceof CallError && error.code === 'UNAVAILABLE'
}
