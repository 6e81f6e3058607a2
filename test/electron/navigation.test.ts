import type { Event, HandlerDetails, WindowOpenHandlerResponse } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import type { GuardedContents } from '../../src/main/electron/navigation'
import { externalUrl, guardNavigation, isAppUrl } from '../../src/main/electron/navigation'
import { MAC_SCREEN_RECORDING_SETTINGS_URL } from '../../src/shared/contract/domains/capture'
import type { Permission } from '../../src/main/electron/permissions'
import { installPermissionHandlers } from '../../src/main/electron/permissions'

type Listener = (event: Event, url: string) => void

/** Stands in for a WebContents: records the listeners and the window-open handler the guard installs. */
class FakeContents implements GuardedContents {
  readonly listeners = new Map<string, Listener>()
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null
  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener)
    return this
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler
  }
  /** Fires an event; true when the guard cancelled it. */
  fire(name: string, url = ''): boolean {
    let prevented = false
    const event = { preventDefault: () => (prevented = true) } as unknown as Event
    this.listeners.get(name)?.(event, url)
    return prevented
  }
  open(url: string): WindowOpenHandlerResponse {
    if (!this.openHandler) throw new Error('no window open handler')
    return this.openHandler({ url } as HandlerDetails)
  }
}

function guarded() {
  const contents = new FakeContents()
  const openExternal = vi.fn((_url: string) => Promise.resolve())
  guardNavigation(contents, openExternal)
  return { contents, openExternal }
}

describe('navigation and new windows', () => {
  it('knows our pages from everything else', () => {
    expect(isAppUrl('cairn://app/index.html')).toBe(true)
    expect(isAppUrl('cairn://app/quick-capture.html#x')).toBe(true)
    for (const url of ['cairn://evil/index.html', 'file:///etc/passwd', 'https://app/', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false)
    }
  })

  it('lets only plain http(s) links with a host and no credentials go to the browser', () => {
    expect(externalUrl('https://example.com/a?b=c')).toBe('https://example.com/a?b=c')
    expect(externalUrl('http://example.com')).toBe('http://example.com/')
    expect(externalUrl(MAC_SCREEN_RECORDING_SETTINGS_URL)).toBe(MAC_SCREEN_RECORDING_SETTINGS_URL)
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-settings:privacy',
      // Only the exact Screen Recording pane; no other OS settings page, nor one with more on it.
      'x-apple.systempreferences:com.apple.preference.security?Privacy_Camera',
      'x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture&x',
      'https://user:secret@example.com/',
      'https://' + 'a'.repeat(3000) + '.com/',
      'cairn://app/index.html',
      'not a url',
    ]) {
      expect(externalUrl(url), url.slice(0, 40)).toBeNull()
    }
  })

  it('keeps navigation inside cairn://app and sends a safe external link to the browser instead', async () => {
    const { contents, openExternal } = guarded()
    expect(contents.fire('will-navigate', 'cairn://app/index.html#/todos')).toBe(false)
    expect(contents.fire('will-navigate', 'https://example.com/docs')).toBe(true)
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(contents.fire('will-navigate', 'cairn://evil/')).toBe(true)
    await Promise.resolve()
    expect(openExternal.mock.calls).toEqual([['https://example.com/docs']])
  })

  it('cancels redirects away from our pages and every <webview>', () => {
    const { contents } = guarded()
    expect(contents.fire('will-redirect', 'https://example.com/')).toBe(true)
    expect(contents.fire('will-redirect', 'cairn://app/index.html')).toBe(false)
    expect(contents.fire('will-attach-webview')).toBe(true)
  })

  it('never opens a new window; an http(s) link opens in the browser, anything else nowhere', () => {
    const { contents, openExternal } = guarded()
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' })
    expect(contents.open('cairn://app/index.html')).toEqual({ action: 'deny' })
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(contents.open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(openExternal.mock.calls).toEqual([['https://example.com/']])
  })

  it('does not let a failing openExternal escape as an unhandled rejection', async () => {
    const contents = new FakeContents()
    guardNavigation(contents, () => Promise.reject(new Error('no browser')))
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' })
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
})

type RequestHandler = (
  contents: unknown,
  permission: Permission,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void
type CheckHandler = (contents: unknown, permission: Permission, origin: string) => boolean

function fakeSession() {
  const handlers: { request?: RequestHandler; check?: CheckHandler } = {}
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => (handlers.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => (handlers.check = handler),
  }
  const request = (permission: Permission, requestingUrl: string, isMainFrame = true): boolean => {
    let granted: boolean | null = null
    handlers.request?.(null, permission, (answer) => (granted = answer), { requestingUrl, isMainFrame })
    if (granted === null) throw new Error('the request was not answered')
    return granted
  }
  const check = (permission: Permission, origin: string): boolean =>
    handlers.check?.(null, permission, origin) ?? true
  return { session: session as unknown as Parameters<typeof installPermissionHandlers>[0], request, check }
}

describe('permission requests', () => {
  it('denies every permission to every page by default, ours included', () => {
    const { session, request, check } = fakeSession()
    installPermissionHandlers(session)
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'display-capture',
    ] as const) {
      expect(request(permission, 'cairn://app/index.html'), permission).toBe(false)
      expect(request(permission, 'https://evil.example/'), permission).toBe(false)
      expect(check(permission, 'cairn://app'), permission).toBe(false)
    }
  })

  it('grants an allowed permission only to our own top-level pages', () => {
    const { session, request, check } = fakeSession()
    installPermissionHandlers(session, new Set<Permission>(['display-capture']))
    expect(request('display-capture', 'cairn://app/index.html')).toBe(true)
    expect(request('display-capture', 'cairn://app/index.html', false)).toBe(false)
    expect(request('display-capture', 'https://evil.example/')).toBe(false)
    expect(request('media', 'cairn://app/index.html')).toBe(false)
    expect(check('display-capture', 'cairn://app')).toBe(true)
    expect(check('display-capture', 'https://evil.example')).toBe(false)
  })
})
