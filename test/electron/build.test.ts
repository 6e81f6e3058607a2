import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../src/shared/contract/methods'

// test/support/globalBuild.ts runs the build before the tests when out/ is missing or stale.
const out = path.resolve(__dirname, '../../out')
const read = (file: string): string => fs.readFileSync(path.join(out, file), 'utf8')

describe('npm run build', () => {
  it('produces the main, preload and renderer bundles, the workers, and the quick capture page', () => {
    for (const file of [
      'main/index.js',
      'main/coreWorker.js',
      'main/captureEncoder.js',
      'main/ocrWorker.js',
      'main/host.js',
      'preload/index.js',
      'renderer/index.html',
      'renderer/quick-capture.html',
    ]) {
      expect(fs.existsSync(path.join(out, file)), file).toBe(true)
    }
  })

  it('builds the OCR thread beside the core worker, with tesseract.js and its trained data left in node_modules', () => {
    const ocr = read('main/ocrWorker.js')
    const external = [...ocr.matchAll(/require\("([^"]*)"\)/g)]
      .map((match) => match[1] ?? '')
      .filter((name) => !name.startsWith('node:') && !name.startsWith('./'))
    expect(external.sort()).toEqual([
      '@tesseract.js-data/chi_sim',
      '@tesseract.js-data/eng',
      'tesseract.js/src/worker-script',
      'tesseract.js/src/worker-script/node/getCore',
    ])
    // Each resolves from out/main, as the core worker's thread will ask for it.
    for (const name of external)
      expect(() => require.resolve(name, { paths: [path.join(out, 'main')] })).not.toThrow()
    // The thread's adapter refuses the network: no CDN address is built into it.
    expect(ocr).not.toMatch(/https?:\/\//)
  })

  it('loads the app from the cairn:// protocol, never from file://', () => {
    const main = read('main/index.js')
    expect(main).toContain('registerSchemesAsPrivileged')
    expect(main).toMatch(/APP_PROTOCOL = "cairn"/)
    expect(main).toContain('://app')
    expect(main).toContain('/index.html')
    expect(main).toContain('/quick-capture.html')
    expect(main).not.toMatch(/\.loadFile\(/)
  })

  it('has a preload a sandboxed renderer can run: one file that requires nothing but electron', () => {
    const preload = read('preload/index.js')
    const requires = [...preload.matchAll(/require\(([^)]*)\)/g)].map((match) => match[1])
    expect(requires).toEqual(['"electron"'])
    expect(fs.existsSync(path.join(out, 'preload/chunks'))).toBe(false)
  })

  it('allow-lists in the preload every method of the contract, without bundling the schemas', () => {
    const preload = read('preload/index.js')
    for (const method of METHOD_NAMES) expect(preload).toContain(JSON.stringify(method))
    // zod's own error text: present if the contract's schemas had been pulled in.
    expect(preload).not.toContain('Invalid input')
    expect(preload.length).toBeLessThan(20_000)
  })

  it('keeps the production CSP in the built pages: the development one (npm run dev) never reaches a build', () => {
    for (const page of ['renderer/index.html', 'renderer/quick-capture.html']) {
      const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(read(page))?.[1] ?? ''
      expect(csp, page).toContain("script-src 'self';")
      expect(csp, page).toContain("connect-src 'self';")
      expect(csp, page).not.toMatch(/unsafe-inline|localhost|ws:/)
    }
  })

  it('gives the quick capture page its own script and the same Content-Security-Policy', () => {
    const page = read('renderer/quick-capture.html')
    expect(page).toContain("script-src 'self'")
    expect(page).toMatch(
      /<script type="module" crossorigin src="\.\/assets\/quickCapture-[\w-]+\.js"><\/script>/,
    )
  })
})
