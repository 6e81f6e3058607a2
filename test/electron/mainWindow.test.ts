import type { Event, Rectangle } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import type { MainWindowLike } from '../../src/main/electron/mainWindow'
import { openMainWindow } from '../../src/main/electron/mainWindow'
import type { WindowState } from '../../src/main/electron/windowState'

/** Stands in for the main BrowserWindow: records what the shell does to it and lets the test fire events. */
class FakeMainWindow implements MainWindowLike {
  readonly listeners = new Map<string, ((event: Event) => void)[]>()
  readonly calls: string[] = []
  loaded: string | null = null
  constructor(readonly bounds: Rectangle | undefined) {}
  on(event: string, listener: (event: Event) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: () => void): this {
    return this.on(event, listener)
  }
  emit(name: string): boolean {
    let prevented = false
    const event = { preventDefault: () => (prevented = true) } as unknown as Event
    for (const listener of this.listeners.get(name) ?? []) listener(event)
    return prevented
  }
  show(): void {
    this.calls.push('show')
  }
  hide(): void {
    this.calls.push('hide')
  }
  maximize(): void {
    this.calls.push('maximize')
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url
    return Promise.resolve()
  }
  getNormalBounds(): Rectangle {
    return this.bounds ?? { x: 0, y: 0, width: 1200, height: 800 }
  }
  isMaximized(): boolean {
    return false
  }
  isDestroyed(): boolean {
    return false
  }
}

const display: Rectangle = { x: 0, y: 0, width: 1920, height: 1080 }

function open(saved: WindowState | null, show = true, hideToTray = true) {
  const stored: WindowState[] = []
  const onClosed = vi.fn()
  const window = openMainWindow(
    {
      create: (bounds) => new FakeMainWindow(bounds),
      store: { load: () => saved, save: (state) => void stored.push(state) },
      workAreas: () => [display],
      hideToTray: () => hideToTray,
      quitting: () => false,
      onClosed,
    },
    show,
  )
  return { window, stored, onClosed }
}

describe('the main window', () => {
  it('opens at its saved place and shows once ready, loading the app from cairn://app', () => {
    const { window } = open({ bounds: { x: 100, y: 80, width: 1000, height: 700 }, maximized: false })
    expect(window.bounds).toEqual({ x: 100, y: 80, width: 1000, height: 700 })
    expect(window.loaded).toBe('cairn://app/index.html')
    expect(window.calls).toEqual([])
    window.emit('ready-to-show')
    expect(window.calls).toEqual(['show'])
  })

  it('opens at the default size when the saved place is off every display', () => {
    const { window } = open({ bounds: { x: 5000, y: 80, width: 1000, height: 700 }, maximized: true })
    expect(window.bounds).toBeUndefined()
    window.emit('ready-to-show')
    expect(window.calls).toEqual(['show'])
  })

  it('comes back maximized, and started hidden it stays hidden until shown', () => {
    const maximized = { bounds: { x: 0, y: 0, width: 1000, height: 700 }, maximized: true }
    const visible = open(maximized).window
    visible.emit('ready-to-show')
    expect(visible.calls).toEqual(['maximize'])
    const hidden = open(maximized, false).window
    hidden.emit('ready-to-show')
    expect(hidden.calls).toEqual([])
    hidden.emit('show')
    expect(hidden.calls).toEqual(['maximize'])
  })

  it('remembers its place when closed, and hides to the tray instead of closing', () => {
    const { window, stored, onClosed } = open(null)
    expect(window.emit('close')).toBe(true)
    expect(window.calls).toEqual(['hide'])
    expect(stored).toEqual([{ bounds: { x: 0, y: 0, width: 1200, height: 800 }, maximized: false }])
    expect(onClosed).not.toHaveBeenCalled()
  })

  it('really closes with hide to tray off, and says so', () => {
    const { window, onClosed } = open(null, true, false)
    expect(window.emit('close')).toBe(false)
    window.emit('closed')
    expect(onClosed).toHaveBeenCalledTimes(1)
  })
})
