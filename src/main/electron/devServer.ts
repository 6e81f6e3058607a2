// `npm run dev` only: electron-vite starts Vite's dev server and passes its address in ELECTRON_RENDERER_URL.
// Windows keep loading cairn://app (so the navigation guard and permission checks stay the production ones);
// the cairn:// handler fetches each file from the dev server instead of out/renderer.
import path from 'node:path'
import { developmentContentSecurityPolicy } from '../../shared/contentSecurityPolicy'

/** The dev server's origin, only in an unpackaged run and only on loopback; null otherwise. */
export function devServerOrigin(env: NodeJS.ProcessEnv, isPackaged: boolean): string | null {
  const raw = env.ELECTRON_RENDERER_URL
  if (isPackaged || !raw) return null
  try {
    const url = new URL(raw)
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    return url.protocol === 'http:' && loopback ? url.origin : null
  } catch {
    return null
  }
}

/** A development run keeps its data apart from the installed app's (its migrations may be ahead). */
export function devDataDir(appDataDir: string): string {
  return path.join(appDataDir, 'Cairn Development')
}

/** The cairn:// handler of a development run: the same paths, served by the dev server, with the dev CSP. */
export function createDevServerHandler(
  origin: string,
  fetchUrl: (url: string) => Promise<Response>,
): (request: Request) => Promise<Response> {
  const policy = developmentContentSecurityPolicy(origin)
  return async (request) => {
    const url = new URL(request.url)
    if (url.host !== 'app') return new Response('Not found', { status: 404 })
    const response = await fetchUrl(`${origin}${url.pathname}${url.search}`)
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', policy)
    return new Response(response.body, { status: response.status, headers })
  }
}
