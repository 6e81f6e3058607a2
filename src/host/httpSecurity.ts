import crypto from 'node:crypto'
import { CONTENT_SECURITY_POLICY } from '../shared/contentSecurityPolicy'

export { CONTENT_SECURITY_POLICY }

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url')
}

export function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

/**
 * Only requests addressed to our own loopback name pass, which defeats DNS rebinding: a page on another
 * site that resolves its name to 127.0.0.1 still sends its own Host header.
 */
export function isOwnHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`
}
