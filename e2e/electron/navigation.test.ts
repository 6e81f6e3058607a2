import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PageGlobals, RunningCairn } from './electronApp'
import { announceSkip, electronMissingReason, launchCairn } from './electronApp'

announceSkip('navigation security')

describe.skipIf(electronMissingReason !== null)('navigation security (Electron)', () => {
  let cairn: RunningCairn

  beforeAll(async () => {
    cairn = await launchCairn()
    // Record what would reach the browser instead of opening one.
    await cairn.app.evaluate(({ shell }) => {
      const opened: string[] = []
      ;(globalThis as { openedExternally?: string[] }).openedExternally = opened
      shell.openExternal = (url: string) => {
        opened.push(url)
        return Promise.resolve()
      }
    })
  })
  afterAll(async () => {
    await cairn?.close()
  })

  const openedExternally = () =>
    cairn.app.evaluate(() => (globalThis as { openedExternally?: string[] }).openedExternally ?? [])

  it('stays on cairn://app when the page tries to navigate away', async () => {
    await cairn.main.evaluate(() => {
      ;(globalThis as unknown as PageGlobals).location.href = 'https://example.com/'
    })
    // The guard hands the https link to the browser: once it has, the navigation was decided.
    await expect.poll(openedExternally).toContain('https://example.com/')
    expect(cairn.main.url()).toBe('cairn://app/index.html')
    await cairn.main.evaluate(() => {
      ;(globalThis as unknown as PageGlobals).location.href = 'file:///etc/passwd'
      ;(globalThis as unknown as PageGlobals).location.href = 'https://example.com/after'
    })
    // Navigations are handled in order: when the second reached the browser, the file: one was refused.
    await expect.poll(openedExternally).toContain('https://example.com/after')
    expect(cairn.main.url()).toBe('cairn://app/index.html')
  })

  it('opens no new window; an https link goes to the browser, a file: link nowhere', async () => {
    const before = cairn.app.windows().length
    const results = await cairn.main.evaluate(() => [
      (globalThis as unknown as PageGlobals).open('https://example.com/docs') === null,
      (globalThis as unknown as PageGlobals).open('file:///etc/passwd') === null,
    ])
    expect(results).toEqual([true, true])
    expect(cairn.app.windows()).toHaveLength(before)
    await expect
      .poll(openedExternally)
      .toEqual(['https://example.com/', 'https://example.com/after', 'https://example.com/docs'])
  })

  it('serves nothing outside the renderer folder and no other host', async () => {
    const statuses = await cairn.main.evaluate(async () => {
      const status = async (url: string) => {
        try {
          return (await fetch(url)).status
        } catch {
          return 'refused'
        }
      }
      return [
        await status('cairn://app/assets/..%2f..%2f..%2fetc/passwd'),
        await status('cairn://evil/index.html'),
        await status('file:///etc/passwd'),
      ]
    })
    // Another host of our scheme and file: are other origins: the CSP's connect-src 'self' refuses the fetch
    // before any request is made.
    expect(statuses).toEqual([404, 'refused', 'refused'])
  })

  it('denies permission requests', async () => {
    const state = await cairn.main.evaluate(async () => {
      try {
        await (globalThis as unknown as PageGlobals).navigator.mediaDevices.getUserMedia({ audio: true })
        return 'granted'
      } catch (error) {
        return (error as Error).name
      }
    })
    expect(state).not.toBe('granted')
  })
})
