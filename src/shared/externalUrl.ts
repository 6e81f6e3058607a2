import { MAC_SCREEN_RECORDING_SETTINGS_URL } from './contract/domains/capture'

const MAX_EXTERNAL_URL = 2048

/**
 * The URL to hand to the system browser, or null: only http(s) to a named host, without credentials in it,
 * of a sane length. Everything else (file:, javascript:, smb:, custom schemes that launch apps) is refused.
 * The shell checks every link with it before opening; the renderer links only what it would accept.
 */
export function externalUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL) return null
  // The one OS settings page the app links to (capture's Screen Recording permission on macOS), exactly.
  if (url === MAC_SCREEN_RECORDING_SETTINGS_URL) return url
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null
  if (!parsed.hostname || parsed.username || parsed.password) return null
  return parsed.toString()
}
