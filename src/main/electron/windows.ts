import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron'
import path from 'node:path'
import { APP_ORIGIN } from '../../shared/bridge'

/** The one place webPreferences are made: every item here follows Electron's security checklist. */
export function buildWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  }
}

export type WindowKind = 'main' | 'quickCapture'

/** Where each kind of window loads from (always our protocol, never file:// or http). */
export const WINDOW_URLS: Record<WindowKind, string> = {
  main: `${APP_ORIGIN}/index.html`,
  quickCapture: `${APP_ORIGIN}/quick-capture.html`,
}

export interface WindowPaths {
  /** The built preload folder (out/preload). */
  preloadDir: string
  /** The app icon for Linux and Windows title bars; macOS takes it from the bundle. */
  icon?: string
}

export const QUICK_CAPTURE_SIZE = { width: 560, height: 200 }

/** Options for every window Cairn opens: only the look differs, webPreferences always come from the factory. */
export function windowOptions(
  kind: WindowKind,
  paths: WindowPaths,
  bounds?: Partial<Rectangle>,
): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    show: false,
    title: 'Cairn',
    ...(paths.icon ? { icon: paths.icon } : {}),
  }
  switch (kind) {
    case 'main':
      return {
        ...common,
        width: 1200,
        height: 800,
        minWidth: 640,
        minHeight: 420,
        ...bounds,
        webPreferences: buildWebPreferences(path.join(paths.preloadDir, 'index.js')),
      }
    case 'quickCapture':
      // Small, frameless and above everything; created hidden at start so the shortcut only has to show it.
      return {
        ...common,
        title: 'Cairn quick capture',
        ...QUICK_CAPTURE_SIZE,
        frame: false,
        resizable: false,
        movable: true,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        alwaysOnTop: true,
        skipTaskbar: true,
        webPreferences: buildWebPreferences(path.join(paths.preloadDir, 'index.js')),
      }
  }
}
