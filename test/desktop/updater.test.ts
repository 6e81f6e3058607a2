// electron-updater's real code under Node: `electron` is outside this machine, so its `app` is a recording
// stand-in typed against electron.d.ts, placed in Node's module cache where electron-updater requires it.
import type { App } from 'electron'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadElectronUpdater, updaterFromModule } from '../../src/main/electron/autoUpdate'
import { tempDir } from '../support/tempDir'

const requireHere = createRequire(__filename)

function standInApp(userData: string, calls: string[]) {
  const app: Pick<
    App,
    | 'getVersion'
    | 'getName'
    | 'getAppPath'
    | 'getPath'
    | 'isPackaged'
    | 'whenReady'
    | 'once'
    | 'quit'
    | 'relaunch'
  > = {
    getVersion: () => (calls.push('getVersion'), '0.1.0'),
    getName: () => (calls.push('getName'), 'Cairn'),
    getAppPath: () => (calls.push('getAppPath'), path.join(userData, 'app')),
    getPath: (name) => (calls.push(`getPath:${name}`), userData),
    isPackaged: true,
    whenReady: () => Promise.resolve(),
    once: () => app as App,
    quit: () => calls.push('quit'),
    relaunch: () => calls.push('relaunch'),
  }
  return app
}

describe('loading electron-updater', () => {
  it('finds autoUpdater, which Node’s ESM interop leaves off the named exports', async () => {
    const calls: string[] = []
    const electronPath = requireHere.resolve('electron')
    const previous = requireHere.cache[electronPath]
    requireHere.cache[electronPath] = {
      exports: { app: standInApp(tempDir(), calls) },
    } as NodeJS.Module
    try {
      const loaded = (await import('electron-updater')) as Parameters<typeof updaterFromModule>[0]
      // The bug this guards against: the named export is missing under Node's interop.
      expect(loaded.autoUpdater === undefined || loaded.default?.autoUpdater !== undefined).toBe(true)
      const updater = await loadElectronUpdater()
      expect(typeof updater.checkForUpdatesAndNotify).toBe('function')
      expect(updater.currentVersion.version).toBe('0.1.0')
      expect(calls).toContain('getVersion')
    } finally {
      if (previous) requireHere.cache[electronPath] = previous
      else delete requireHere.cache[electronPath]
    }
  })

  it('says clearly when a module has no autoUpdater', () => {
    expect(() => updaterFromModule({})).toThrow('electron-updater has no autoUpdater')
  })
})
