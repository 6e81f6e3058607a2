import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { WindowKind } from '../../src/main/electron/windows'
import { WINDOW_URLS, buildWebPreferences, windowOptions } from '../../src/main/electron/windows'

const KINDS: WindowKind[] = ['main', 'quickCapture']
const paths = { preloadDir: path.resolve('/opt/cairn/out/preload'), icon: '/opt/cairn/icon.png' }

describe('the window factory', () => {
  it.each(KINDS)('gives the %s window the secure webPreferences and our preload', (kind) => {
    const options = windowOptions(kind, paths)
    expect(options.webPreferences).toEqual(buildWebPreferences(path.join(paths.preloadDir, 'index.js')))
    expect(options.webPreferences).toMatchObject({
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
    })
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures')
    expect(options.webPreferences).not.toHaveProperty('additionalArguments')
    // Windows are created hidden and shown when ready (or, for quick capture, when asked for).
    expect(options.show).toBe(false)
  })

  it.each(KINDS)('loads the %s window from cairn://app', (kind) => {
    expect(WINDOW_URLS[kind]).toMatch(/^cairn:\/\/app\/[\w-]+\.html$/)
  })

  it('makes quick capture small, frameless, always on top and out of the taskbar', () => {
    const options = windowOptions('quickCapture', paths)
    expect(options).toMatchObject({
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
      show: false,
    })
    expect(options.width).toBeLessThanOrEqual(640)
    expect(options.height).toBeLessThanOrEqual(240)
  })

  it('opens the main window at restored bounds when given, else at its default size', () => {
    expect(windowOptions('main', paths)).toMatchObject({ width: 1200, height: 800 })
    expect(windowOptions('main', paths, { x: 10, y: 20, width: 900, height: 700 })).toMatchObject({
      x: 10,
      y: 20,
      width: 900,
      height: 700,
    })
    expect(windowOptions('main', { preloadDir: paths.preloadDir })).not.toHaveProperty('icon')
  })
})
