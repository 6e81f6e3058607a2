import type { BrowserWindow, Rectangle } from 'electron'
import type { HideableWindow, TrackedWindow, WindowStateStore } from './windowState'
import { hideToTrayOnClose, restorableBounds, trackWindowState } from './windowState'
import { WINDOW_URLS } from './windows'

export type MainWindowLike = TrackedWindow &
  HideableWindow &
  Pick<BrowserWindow, 'show' | 'maximize' | 'loadURL'> & {
    once(event: 'ready-to-show' | 'show', listener: () => void): unknown
    on(event: 'closed', listener: () => void): unknown
  }
const _browserWindowIsMainWindow = (window: BrowserWindow): MainWindowLike => window
void _browserWindowIsMainWindow

export interface MainWindowDeps<W extends MainWindowLike> {
  /** Makes the BrowserWindow (windowOptions('main', …) with these bounds, or the default size). */
  create(bounds: Rectangle | undefined): W
  store: WindowStateStore
  /** The work areas of today's displays. */
  workAreas(): Rectangle[]
  hideToTray(): boolean
  quitting(): boolean
  /** The window is gone for good (closed with hide to tray off, or the app quitting). */
  onClosed(): void
}

/**
 * The main window where it was last time (when that place is still on a display), remembered as it moves,
 * hidden to the tray on close while the setting is on. `show` false starts it hidden (launch at login).
 */
export function openMainWindow<W extends MainWindowLike>(deps: MainWindowDeps<W>, show: boolean): W {
  const saved = deps.store.load()
  const bounds = restorableBounds(saved, deps.workAreas())
  const window = deps.create(bounds ?? undefined)
  const maximize = bounds !== null && saved?.maximized === true
  trackWindowState(window, deps.store)
  hideToTrayOnClose(window, { enabled: deps.hideToTray, quitting: deps.quitting })
  window.on('closed', () => deps.onClosed())
  // maximize() also shows a window, so it waits until the window is meant to be seen.
  if (show) window.once('ready-to-show', () => (maximize ? window.maximize() : window.show()))
  else if (maximize) window.once('show', () => window.maximize())
  void window.loadURL(WINDOW_URLS.main)
  return window
}
