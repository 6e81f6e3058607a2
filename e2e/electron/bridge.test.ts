import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PageGlobals, RunningCairn } from './electronApp'
import { announceSkip, electronMissingReason, launchCairn } from './electronApp'

announceSkip('the preload bridge')

describe.skipIf(electronMissingReason !== null)('the preload bridge (Electron)', () => {
  let cairn: RunningCairn

  beforeAll(async () => {
    cairn = await launchCairn()
  })
  afterAll(async () => {
    await cairn?.close()
  })

  it('exposes window.cairn with call, onEvent, pickFolder, desktop and log only', async () => {
    expect(
      await cairn.main.evaluate(() => ({
        keys: Object.keys((globalThis as unknown as PageGlobals).cairn ?? {}).sort(),
        quickCapture: typeof (globalThis as unknown as PageGlobals).cairnQuickCapture,
      })),
    ).toEqual({
      keys: ['call', 'desktop', 'log', 'onEvent', 'pickFolder'],
      quickCapture: 'undefined',
    })
  })

  it('carries a contract call to the core and its event back', async () => {
    const result = await cairn.main.evaluate(async () => {
      const page = globalThis as unknown as PageGlobals & { seenEvents?: string[] }
      const bridge = page.cairn
      if (!bridge) throw new Error('no bridge')
      const events: string[] = (page.seenEvents = [])
      bridge.onEvent((event) => events.push(event.name))
      const created = await bridge.call('todos.create', { content: 'from the Electron e2e' })
      const listed = await bridge.call('todos.list', {})
      return { created, listed }
    })
    expect(result.created).toMatchObject({ ok: true, result: { content: 'from the Electron e2e' } })
    expect(result.listed).toMatchObject({ ok: true, result: { total: 1 } })
    await expect
      .poll(() =>
        cairn.main.evaluate(() => (globalThis as unknown as { seenEvents?: string[] }).seenEvents ?? []),
      )
      .toContain('todos.changed')
  })

  it('refuses a method outside the contract', async () => {
    expect(
      await cairn.main.evaluate(() =>
        (globalThis as unknown as PageGlobals).cairn?.call('shell.openExternal', {}),
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    })
  })
})
