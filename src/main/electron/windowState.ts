import type { BrowserWindow, Event, Rectangle } from 'electron'
import fs from 'node:fs'
import path from 'node:path'

export interface WindowState {
  bounds: Rectangle
  maximized: boolean
}

/** Where the main window's size and position live: a small JSON file beside the database (not user data). */
export interface WindowStateStore {
  load(): WindowState | null
  save(state: WindowState): void
}

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false
  const r = value as Record<string, unknown>
  return ['x', 'y', 'width', 'height'].every((key) => Number.isFinite(r[key]))
}

export function fileWindowStateStore(dataDir: string, name = 'window-state.json'): WindowStateStore {
  const file = path.join(dataDir, name)
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
        const state = parsed as Partial<WindowState>
        if (!isRectangle(state.bounds)) return null
        return { bounds: state.bounds, maximized: state.maximized === true }
      } catch {
        return null
      }
    },
    save(state) {
      // Write then rename, so a crash mid-write never leaves a half file behind.
      const temporary = `${file}.tmp`
      fs.writeFileSync(temporary, JSON.stringify(state))
      fs.renameSync(temporary, file)
    },
  }
}

const MIN_VISIBLE = 64

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

/**
 * The saved bounds when enough of the window (its title bar included) lands on one of today's displays;
 * otherwise null, so the window opens centred with its default size. A monitor unplugged since the last run
 * must not leave the window off screen.
 */
export function restorableBounds(
  saved: WindowState | null,
  workAreas: Rectangle[],
  minSize = { width: 320, height: 240 },
): Rectangle | null {
  if (!saved) return null
  const bounds = {
    ...saved.bounds,
    width: Math.max(saved.bounds.width, minSize.width),
    height: Math.max(saved.bounds.height, minSize.height),
  }
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: 32 }
  const visible = workAreas.some((area) => {
    const shared = overlap(titleBar, area)
    return shared.width >= MIN_VISIBLE && shared.height > 0
  })
  if (!visible) return null
  const fitting = workAreas.find(
    (area) => overlap(bounds, area).width > 0 && overlap(bounds, area).height > 0,
  )
  if (fitting) {
    bounds.width = Math.min(bounds.width, fitting.width)
    bounds.height = Math.min(bounds.height, fitting.height)
  }
  return bounds
}

export type TrackedWindow = Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized' | 'isDestroyed'> & {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown
}
const _browserWindowIsTrackable = (window: BrowserWindow): TrackedWindow => window
void _browserWindowIsTrackable

/** Saves the window's normal bounds shortly after it stops moving or resizing, and when it closes. */
export function trackWindowState(
  window: TrackedWindow,
  store: WindowStateStore,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
  },
  delayMs = 500,
): () => void {
  let pending: unknown = null
  const saveNow = (): void => {
    if (pending !== null) timers.clear(pending)
    pending = null
    if (window.isDestroyed()) return
    try {
      store.save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() })
    } catch {
      // Not being able to remember the window's place is no reason to disturb the user.
    }
  }
  const saveSoon = (): void => {
    if (pending !== null) timers.clear(pending)
    pending = timers.set(saveNow, delayMs)
  }
  window.on('resize', saveSoon)
  window.on('move', saveSoon)
  window.on('close', saveNow)
  return saveNow
}

export interface HideableWindow {
  on(event: 'close', listener: (event: Event) => void): unknown
  hide(): void
}
const _browserWindowIsHideable = (window: BrowserWindow): HideableWindow => window
void _browserWindowIsHideable

/**
 * Closing the window hides it to the tray while the setting is on, unless the app is quitting (menu Quit,
 * tray Quit, OS log-out), when it really closes.
 */
export function hideToTrayOnClose(
  window: HideableWindow,
  options: { enabled: () => boolean; quitting: () => boolean },
): void {
  window.on('close', (event) => {
    if (options.quitting() || !options.enabled()) return
    event.preventDefault()
    window.hide()
  })
}
