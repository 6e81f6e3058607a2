import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  resolveAppFile,
} from '../../src/main/electron/protocol'

const root = path.resolve('/opt/cairn/renderer')

describe('the cairn:// protocol path check', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppFile('cairn://app/', root)).toBe(path.join(root, 'index.html'))
    expect(resolveAppFile('cairn://app/index.html', root)).toBe(path.join(root, 'index.html'))
    expect(resolveAppFile('cairn://app/assets/index-abc.js', root)).toBe(
      path.join(root, 'assets/index-abc.js'),
    )
  })

  it('keeps dot segments that the URL itself resolves inside the folder', () => {
    expect(resolveAppFile('cairn://app/../../secrets.txt', root)).toBe(path.join(root, 'secrets.txt'))
    expect(resolveAppFile('cairn://app/%2e%2e/%2e%2e/etc/passwd', root)).toBe(path.join(root, 'etc/passwd'))
  })

  it('refuses every way out of the folder and other hosts', () => {
    for (const url of [
      'cairn://app/assets/..%2f..%2f..%2fetc/passwd',
      'cairn://app/..%5c..%5cwindows',
      'cairn://app/%00index.html',
      'cairn://app/%E0%A4%A',
      'cairn://evil/index.html',
      'not a url',
    ]) {
      expect(resolveAppFile(url, root), url).toBeNull()
    }
  })
})

describe('the cairn:// protocol handler', () => {
  const fetched: string[] = []
  const fetchFile = (url: string): Promise<Response> => {
    fetched.push(url)
    return Promise.resolve(new Response('<html></html>', { headers: { 'Content-Type': 'text/html' } }))
  }
  const handler = createAppProtocolHandler(root, fetchFile)

  it('serves files inside the renderer folder with the Content-Security-Policy and nosniff', async () => {
    const response = await handler(new Request('cairn://app/index.html'))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Content-Type')).toBe('text/html')
    expect(await response.text()).toBe('<html></html>')
    expect(fetched.at(-1)).toBe(pathToFileURL(path.join(root, 'index.html')).toString())
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe')
  })

  it('answers 404 without reading anything for a way out of the folder, and 405 for other methods', async () => {
    const before = fetched.length
    expect((await handler(new Request('cairn://app/assets/..%2f..%2f..%2fetc/passwd'))).status).toBe(404)
    expect((await handler(new Request('cairn://evil/index.html'))).status).toBe(404)
    expect((await handler(new Request('cairn://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(
      405,
    )
    expect(fetched.length).toBe(before)
  })

  it('answers 404 when the file cannot be read', async () => {
    const missing = createAppProtocolHandler(root, () => Promise.reject(new Error('ENOENT')))
    expect((await missing(new Request('cairn://app/nothing.js'))).status).toBe(404)
  })
})
