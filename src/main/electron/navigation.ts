import type { Event, HandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron'
import { APP_PROTOCOL } from '../../shared/bridge'
import { externalUrl } from '../../shared/externalUrl'

export { externalUrl }

/** A page of ours: cairn://app/... (never another host of the scheme, never file:// or http). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_PROTOCOL}:` && parsed.host === 'app'
  } catch {
    return false
  }
}

/** The parts of WebContents the guard uses; Electron's WebContents satisfies it (checked below). */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: Event, url: string) => void): unknown
  on(event: 'will-redirect', listener: (event: Event, url: string) => void): unknown
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void
}
const _webContentsIsGuardable = (contents: WebContents): GuardedContents => contents
void _webContentsIsGuardable

export type OpenExternal = (url: string) => Promise<void>

/**
 * Every web contents stays on cairn://app: navigation elsewhere is cancelled, new windows are never created,
 * <webview> is never attached. An external http(s) link is opened in the user's browser after validation.
 */
export function guardNavigation(contents: GuardedContents, openExternal: OpenExternal): void {
  const openOutside = (url: string): void => {
    const safe = externalUrl(url)
    if (safe) openExternal(safe).catch(() => undefined)
  }
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return
    event.preventDefault()
    openOutside(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
}
