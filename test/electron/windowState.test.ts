import type { Event, Rectangle } from 'electron'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { HideableWindow, TrackedWindow, WindowState } from '../../src/main/electron/windowState'
import {
  fileWindowStateStore,
  hideToTrayOnClose,
  restorableBounds,
  trackWindowState,
} from '../../src/main/electron/windowState'

const primary: Rectangle = { x: 0, y: 0, width: 1920, height: 1080 }
const secondary: Rectangle = { x: 1920, y: 0, width: 1280, height: 1024 }
const state = (bounds: Rectangle, maximized = false): WindowState => ({ bounds, maximized })

describe('restoring the main window', () => {
  it('restores bounds that are on a display today', () => {
    const saved = state({ x: 2000, y: 100, width: 1000, height: 700 })
    expect(restorableBounds(saved, [primary, secondary])).toEqual(saved.bounds)
  })

  it('forgets bounds on a display that is gone, so the window never opens off screen', () => {
    const saved = state({ x: 2000, y: 100, width: 1000, height: 700 })
    expect(restorableBounds(saved, [primary])).toBeNull()
    expect(restorableBounds(state({ x: 100, y: -900, width: 800, height: 600 }), [primary])).toBeNull()
    expect(restorableBounds(null, [primary])).toBeNull()
  })

  it('keeps a window whose title bar is partly visible, shrunk to fit its display', () => {
    const saved = state({ x: -700, y: 50, width: 3000, height: 2000 })
    expect(restorableBounds(saved, [primary])).toEqual({ x: -700, y: 50, width: 1920, height: 1080 })
  })

  it('never restores a window smaller than usable', () => {
    expect(restorableBounds(state({ x: 10, y: 10, width: 20, height: 5 }), [primary])).toEqual({
      x: 10,
      y: 10,
      width: 320,
      height: 240,
    })
  })
})

describe('the window state file', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })
  const tempDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-window-'))
    dirs.push(dir)
    return dir
  }

  it('saves and loads the bounds beside the database', () => {
    const dir = tempDir()
    const store = fileWindowStateStore(dir)
    expect(store.load()).toBeNull()
    store.save(state({ x: 1, y: 2, width: 900, height: 600 }, true))
    expect(fileWindowStateStore(dir).load()).toEqual(state({ x: 1, y: 2, width: 900, height: 600 }, true))
    expect(fs.readdirSync(dir)).toEqual(['window-state.json'])
  })

  it('treats a damaged or foreign file as no saved state', () => {
    const dir = tempDir()
    for (const content of ['not json', '{"bounds":{"x":"1"}}', 'null', '[]']) {
      fs.writeFileSync(path.join(dir, 'window-state.json'), content)
      expect(fileWindowStateStore(dir).load(), content).toBeNull()
    }
  })
})

class FakeWindow implements TrackedWindow, HideableWindow {
  readonly listeners = new Map<string, ((event: Event) => void)[]>()
  bounds: Rectangle = { x: 0, y: 0, width: 800, height: 600 }
  maximized = false
  destroyed = false
  hidden = false
  on(event: string, listener: (event: Event) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  emit(name: string): boolean {
    let prevented = false
    const event = { preventDefault: () => (prevented = true) } as unknown as Event
    for (const listener of this.listeners.get(name) ?? []) listener(event)
    return prevented
  }
  getNormalBounds(): Rectangle {
    return this.bounds
  }
  isMaximized(): boolean {
    return this.maximized
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  hide(): void {
    this.hidden = true
  }
}

function manualTimers() {
  const queue = new Map<number, () => void>()
  let next = 1
  return {
    set: (fn: () => void) => {
      queue.set(next, fn)
      return next++
    },
    clear: (handle: unknown) => void queue.delete(handle as number),
    flush: () => {
      for (const [handle, fn] of [...queue]) {
        queue.delete(handle)
        fn()
      }
    },
    get pending() {
      return queue.size
    },
  }
}

describe('tracking the main window', () => {
  it('saves once after moving and resizing settle, and at once on close', () => {
    const window = new FakeWindow()
    const saved: WindowState[] = []
    const timers = manualTimers()
    trackWindowState(window, { load: () => null, save: (value) => saved.push(value) }, timers)
    window.bounds = { x: 50, y: 60, width: 1000, height: 700 }
    window.emit('move')
    window.emit('resize')
    window.emit('resize')
    expect(timers.pending).toBe(1)
    expect(saved).toEqual([])
    timers.flush()
    expect(saved).toEqual([state({ x: 50, y: 60, width: 1000, height: 700 })])
    window.maximized = true
    window.emit('resize')
    window.emit('close')
    expect(timers.pending).toBe(0)
    expect(saved.at(-1)).toEqual(state({ x: 50, y: 60, width: 1000, height: 700 }, true))
  })

  it('does not let a failing save disturb anything', () => {
    const window = new FakeWindow()
    trackWindowState(window, {
      load: () => null,
      save: () => {
        throw new Error('disk full')
      },
    })
    expect(() => window.emit('close')).not.toThrow()
  })
})

describe('hide to tray on close', () => {
  it('hides instead of closing while the setting is on', () => {
    const window = new FakeWindow()
    hideToTrayOnClose(window, { enabled: () => true, quitting: () => false })
    expect(window.emit('close')).toBe(true)
    expect(window.hidden).toBe(true)
  })

  it('closes when the setting is off, or when the app is quitting', () => {
    let enabled = false
    let quitting = false
    const window = new FakeWindow()
    hideToTrayOnClose(window, { enabled: () => enabled, quitting: () => quitting })
    expect(window.emit('close')).toBe(false)
    enabled = true
    quitting = true
    expect(window.emit('close')).toBe(false)
    expect(window.hidden).toBe(false)
  })
})
