/** What one client may cost the host. Each bound has an attack behind it (docs/SECURITY.md, "The headless host"). */
export interface HostLimits {
  /** Largest WebSocket message accepted; a bigger one closes that socket with 1009. */
  maxMessageBytes: number
  /** Most calls in one JSON-RPC batch; a bigger batch is refused whole, before any call runs. */
  maxBatch: number
  /** Most bytes of one reply; calls of a batch past it are answered with an error instead of their result. */
  maxReplyBytes: number
  /** Bytes waiting to go to one socket; past it the client is not reading, and is closed. */
  maxBufferedBytes: number
  /** Messages of one socket being answered at once; past it the host stops reading that socket for a while. */
  maxInFlightPerClient: number
  /** Open WebSocket clients; one more is refused with 503. */
  maxClients: number
  /** TCP connections of any kind (page loads and WebSockets). */
  maxConnections: number
  /** Time a connection has to send its request headers (slow-loris); 408 after it. */
  headersTimeoutMs: number
  /** Time a connection has to send a whole HTTP request. */
  requestTimeoutMs: number
  /** How long an idle keep-alive HTTP connection stays open. */
  keepAliveTimeoutMs: number
  /**
   * How often each WebSocket is pinged. A client that answered none of the last ping (browsers answer on their
   * own, even from a tab in the background) and has no call in progress is closed: a silent socket holds a
   * client slot forever otherwise.
   */
  pingIntervalMs: number
}

export const DEFAULT_HOST_LIMITS: HostLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  maxBatch: 100,
  maxReplyBytes: 64 * 1024 * 1024,
  maxBufferedBytes: 64 * 1024 * 1024,
  maxInFlightPerClient: 16,
  maxClients: 32,
  maxConnections: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  pingIntervalMs: 30_000,
}

/**
 * Test-only: `CAIRN_TEST_HOST_LIMITS` holds JSON with some of the limits above, smaller, so the tests can attack
 * the host without using gigabytes. Only positive whole numbers for known names are taken; anything else is
 * ignored with a warning. Not for production: the defaults are the product's limits.
 */
export const TEST_LIMITS_ENV = 'CAIRN_TEST_HOST_LIMITS'

export function hostLimitsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = () => {},
): HostLimits {
  const text = env[TEST_LIMITS_ENV]
  if (!text) return DEFAULT_HOST_LIMITS
  let given: unknown
  try {
    given = JSON.parse(text)
  } catch {
    warn(`${TEST_LIMITS_ENV} is not JSON; using the default limits.`)
    return DEFAULT_HOST_LIMITS
  }
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS }
  if (typeof given !== 'object' || given === null) return limits
  for (const [name, value] of Object.entries(given)) {
    if (name in limits && Number.isSafeInteger(value) && (value as number) > 0)
      limits[name as keyof HostLimits] = value as number
    else warn(`${TEST_LIMITS_ENV}: ignoring ${JSON.stringify(name)}.`)
  }
  warn(`test limits in force: ${JSON.stringify(limits)}`)
  return limits
}
