import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CairnBridge } from '../../src/shared/bridge'
import { IPC_CALL_CHANNEL } from '../../src/shared/bridge'

const exposed = new Map<string, unknown>()
const invoke = vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, result: 'answered' }))

// Electron cannot be launched here; the preload's only dependencies are these two objects.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() },
}))

describe('the preload bridge', () => {
  beforeEach(async () => {
    exposed.clear()
    invoke.mockClear()
    vi.resetModules()
    await import('../../src/preload/index')
  })

  it('exposes only call and onEvent as window.cairn', () => {
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
})
