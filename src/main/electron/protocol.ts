import path from 'node:path'

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
