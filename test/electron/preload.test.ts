import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CairnBridge } from '../../src/shared/bridge'
import {
  IPC_CALL_CHANNEL,
  IPC_DESKTOP_CHANNEL,
  IPC_LOG_CHANNEL,
  IPC_PICK_FOLDER_CHANNEL,
  MAX_RENDERER_LOG_TEXT,
} from '../../src/shared/bridge'
import { METHOD_NAMES } from '../../src/shared/contract/methods'
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
const send = vi.fn()

// Electron cannot be launched here; the preload's only dependencies are these two objects.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke, on, removeListener, send },
}))

/** Loads the preload as a page at `href` would (the preload reads location to know which window it is in). */
async function loadPreloadAt(href: string | undefined): Promise<void> {
  exposed.clear()
  invoke.mockClear()
  on.mockClear()
  vi.resetModules()
  vi.stubGlobal('location', href === undefined ? undefined : { href })
  await import('../../src/preload')
  vi.unstubAllGlobals()
}

describe('the preload bridge', () => {
  beforeEach(() => loadPreloadAt('cairn://app/index.html'))

  it('exposes only call, onEvent, pickFolder, desktop and log as window.cairn in the main window', () => {
    expect([...exposed.keys()]).toEqual(['cairn'])
    expect(Object.keys(exposed.get('cairn') as object).sort()).toEqual([
      'call',
      'desktop',
      'log',
      'onEvent',
      'pickFolder',
    ])
  })

  it('sends only the two desktop actions and capped log lines of a known level', async () => {
    const bridge = exposed.get('cairn') as Required<CairnBridge>
    invoke.mockResolvedValueOnce(true)
    expect(await bridge.desktop('copyDiagnostics')).toBe(true)
    expect(invoke).toHaveBeenLastCalledWith(IPC_DESKTOP_CHANNEL, 'copyDiagnostics')
    const desktop = bridge.desktop as (action: unknown) => Promise<boolean>
    await expect(desktop('rm -rf')).rejects.toThrow(/^Unknown desktop action/)
    expect(invoke).toHaveBeenCalledTimes(1)

    send.mockClear()
    bridge.log('error', 'x'.repeat(MAX_RENDERER_LOG_TEXT + 10))
    ;(bridge.log as (level: unknown, message: string) => void)('debug', 'dropped')
    expect(send.mock.calls).toEqual([[IPC_LOG_CHANNEL, 'error', 'x'.repeat(MAX_RENDERER_LOG_TEXT)]])
  })

  it('asks the main process for a folder by purpose only, and refuses any other purpose before it crosses', async () => {
    const bridge = exposed.get('cairn') as Required<CairnBridge>
    const PICKED = {
      handle: 'cairn-folder:0f6d3c1e-5b7a-4c2e-9a51-3e2f8d9b7c10',
      path: '/home/me/cairn-export',
    }
    invoke.mockResolvedValueOnce({ ...PICKED, extra: 'dropped' })
    expect(await bridge.pickFolder('export')).toEqual(PICKED)
    // A bare path is not a picked folder.
    invoke.mockResolvedValueOnce('/home/me/cairn-export')
    expect(await bridge.pickFolder('export')).toBeNull()
    invoke.mockResolvedValueOnce(null)
    expect(await bridge.pickFolder('import')).toBeNull()
    // Whatever else the main process might answer, the page gets a picked folder or null.
    invoke.mockResolvedValueOnce({ path: '/x', handle: '/etc' })
    expect(await bridge.pickFolder('import')).toBeNull()
    expect(invoke.mock.calls).toEqual([
      [IPC_PICK_FOLDER_CHANNEL, 'export'],
      [IPC_PICK_FOLDER_CHANNEL, 'export'],
      [IPC_PICK_FOLDER_CHANNEL, 'import'],
      [IPC_PICK_FOLDER_CHANNEL, 'import'],
    ])

    const pick = bridge.pickFolder as (purpose: unknown) => Promise<string | null>
    for (const purpose of ['delete', 'Export', '', 7, null, undefined, { toString: () => 'export' }]) {
      await expect(pick(purpose)).rejects.toThrow(/^Unknown folder purpose/)
    }
    expect(invoke).toHaveBeenCalledTimes(4)

    // A refusal from the main process reaches the page as its own sentence, without Electron's wrapping.
    invoke.mockRejectedValueOnce(
      new Error(
        "Error invoking remote method 'cairn:pick-folder': AppError: A folder can only be chosen from the Cairn window itself.",
      ),
    )
    await expect(bridge.pickFolder('export')).rejects.toThrow(
      /^A folder can only be chosen from the Cairn window itself\.$/,
    )
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

  it('lets through exactly the methods of the contract, as the build wrote them in from the schemas', async () => {
    const bridge = exposed.get('cairn') as CairnBridge
    for (const method of METHOD_NAMES)
      expect(await bridge.call(method, {})).toEqual({ ok: true, result: 'answered' })
    expect(invoke.mock.calls.map((call) => call[1])).toEqual(METHOD_NAMES)
    for (const method of ['tips', 'tips.', '.get', 'tips.get.x', 'toString', '__proto__', 'constructor']) {
      expect(await bridge.call(method, {}), method).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_METHOD' },
      })
    }
    expect(invoke).toHaveBeenCalledTimes(METHOD_NAMES.length)
  })

  it('parses a result the main process passes on as JSON text, and passes refusals through as they are', async () => {
    const bridge = exposed.get('cairn') as CairnBridge
    invoke.mockResolvedValueOnce({ ok: true, resultJson: '{"total":2,"items":[{"id":1},{"id":2}]}' })
    expect(await bridge.call('todos.list', {})).toEqual({
      ok: true,
      result: { total: 2, items: [{ id: 1 }, { id: 2 }] },
    })
    const refusal = { ok: false, error: { code: 'FAILED_PRECONDITION', message: 'Not from here.' } }
    invoke.mockResolvedValueOnce(refusal)
    expect(await bridge.call('todos.list', {})).toEqual(refusal)
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
