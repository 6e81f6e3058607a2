import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CairnBridge } from '../../src/shared/bridge'
import { IPC_CALL_CHANNEL } from '../../src/shared/bridge'
import type { QuickCaptureBridge } from '../../src/shared/quickCapture'
import {
  QUICK_CAPTURE_CLIPBOARD_CHANNEL,
  QUICK_CAPTURE_CLOSE_CHANNEL,
  QUICK_CAPTURE_SHOWN_CHANNEL,
} from '../../src/shared/quickCapture'

const exposed = new Map<string, unknown>()
const invoke = vi.fn((..._args: unknown[]) => Promise.resolve<unknown>({ ok: true, result: 'answered' }))
const on = vi.fn()
const removeListener = vi.fn()

// Electron cannot be launched here; the preload's only dependencies are these two objects.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke, on, removeListener },
}))

/** Loads the preload as a page at `href` would (the preload reads location to know which window it is in). */
async function loadPreloadAt(href: string | undefined): Promise<void> {
  exposed.clear()
  invoke.mockClear()
  on.mockClear()
  vi.resetModules()
  vi.stubGlobal('location', href === undefined ? undefined : { href })
  await import('../../src/preload/index')
  vi.unstubAllGlobals()
}

describe('the preload bridge', () => {
  beforeEach(() => loadPreloadAt('cairn://app/index.html'))

  it('exposes only call and onEvent as window.cairn in the main window', () => {
    expect([...exposed.keys()]).toEqual(['cairn'])
    expect(Object.keys(exposed.get('cairn') as object).sort()).toEqual(['call', 'onEvent'])
  })

  it('forwards contract methods and refuses anything else before it reaches the main process', async () => {
    const bridge = exposed.get('cairn') as CairnBridge
    expect(await bridge.call('todos.list', {})).toEqual({ ok: true, result: 'answered' })
    expect(invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'todos.list', {})
    expect(await bridge.call('shell.openExternal', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    })
    expect(invoke).toHaveBeenCalledTimes(1)
  })

  it('gives only the quick capture page the clipboard, closing and the shown signal', async () => {
    await loadPreloadAt('cairn://app/quick-capture.html')
    expect([...exposed.keys()]).toEqual(['cairn', 'cairnQuickCapture'])
    const quick = exposed.get('cairnQuickCapture') as QuickCaptureBridge
    expect(Object.keys(quick).sort()).toEqual(['close', 'onShown', 'readClipboard'])
    invoke.mockResolvedValueOnce('from the clipboard')
    expect(await quick.readClipboard()).toBe('from the clipboard')
    invoke.mockResolvedValueOnce({ not: 'text' })
    expect(await quick.readClipboard()).toBe('')
    await quick.close()
    expect(invoke.mock.calls.map((call) => call[0])).toEqual([
      QUICK_CAPTURE_CLIPBOARD_CHANNEL,
      QUICK_CAPTURE_CLIPBOARD_CHANNEL,
      QUICK_CAPTURE_CLOSE_CHANNEL,
    ])
    const listener = vi.fn()
    const stop = quick.onShown(listener)
    const forward = on.mock.calls.find((call) => call[0] === QUICK_CAPTURE_SHOWN_CHANNEL)?.[1] as () => void
    forward()
    expect(listener).toHaveBeenCalledTimes(1)
    stop()
    expect(removeListener).toHaveBeenCalledWith(QUICK_CAPTURE_SHOWN_CHANNEL, forward)

    for (const href of [
      'cairn://evil/quick-capture.html',
      'https://x.example/quick-capture.html',
      undefined,
    ]) {
      await loadPreloadAt(href)
      expect([...exposed.keys()], String(href)).toEqual(['cairn'])
    }
  })
})
