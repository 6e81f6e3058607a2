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
