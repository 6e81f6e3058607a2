export interface BackoffOptions {
  baseDelayMs: number
  maxDelayMs: number
  /** 0..1, e.g. Math.random; injectable so tests are deterministic. */
  random: () => number
}

/** Exponential backoff with full jitter: a random wait between half and all of base * 2^attempt, capped. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt)
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2)
}

/**
 * The wait a server asked for in Retry-After (seconds, or an HTTP date), in ms; null when absent or unreadable.
 * Capped so a hostile or broken server cannot park a request for hours.
 */
export function retryAfterMs(header: string | null, now: number, capMs: number): number | null {
  if (header === null || header.trim() === '') return null
  const seconds = Number(header)
  const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now
  if (!Number.isFinite(wait)) return null
  return Math.min(Math.max(0, Math.round(wait)), capMs)
}

/** Status codes worth another try: the server was busy or broken, not the request wrong. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500
}
