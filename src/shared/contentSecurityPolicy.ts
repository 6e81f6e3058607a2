/**
 * The one Content-Security-Policy of every Cairn page, sent as a header by the desktop app's cairn:// protocol
 * and by the headless host, on top of the <meta> policy in the HTML: nothing but our own files runs or loads.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * The policy of `npm run dev` only (never built into the app): Vite's dev server injects an inline React
 * refresh preamble and inline styles, and its client opens a WebSocket to the server for hot reload.
 * `devOrigin` is the dev server's http origin on loopback.
 */
export function developmentContentSecurityPolicy(devOrigin: string): string {
  const { host } = new URL(devOrigin)
  return CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'",
    `script-src 'self' 'unsafe-inline' ${devOrigin}`,
  )
    .replace("style-src 'self'", `style-src 'self' 'unsafe-inline' ${devOrigin}`)
    .replace("connect-src 'self'", `connect-src 'self' ${devOrigin} ws://${host}`)
}
