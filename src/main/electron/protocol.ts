import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy'

/**
 * Maps a cairn://app/... URL to a file inside the renderer folder, or null when it would leave that folder
 * (../, encoded slashes, absolute paths) or names another host.
 */
export function resolveAppFile(requestUrl: string, rendererDir: string, appHost = 'app'): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.host !== appHost) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const root = path.resolve(rendererDir)
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '')
  const file = path.resolve(root, relative)
  if (file !== root && !file.startsWith(root + path.sep)) return null
  return file
}

export { CONTENT_SECURITY_POLICY }

/**
 * The cairn:// handler: GET and HEAD of files inside the renderer folder, with the CSP and nosniff headers;
 * 404 for anything outside it. `fetchFile` is Electron's net.fetch (a file:// URL it may read).
 */
export function createAppProtocolHandler(
  rendererDir: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 })
    }
    const file = resolveAppFile(request.url, rendererDir)
    if (!file) return new Response('Not found', { status: 404 })
    let response: Response
    try {
      response = await fetchFile(pathToFileURL(file).toString())
    } catch {
      return new Response('Not found', { status: 404 })
    }
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  }
}
