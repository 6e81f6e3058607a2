import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveAppFile } from '../../src/main/electron/protocol'

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
