// electron-updater's real code under Node: `electron` is outside this machine, so its `app` is a recording
// stand-in typed against electron.d.ts, placed in Node's module cache where electron-updater requires it.
import type { App, ClientRequest, Net, NotificationConstructorOptions, Session } from 'electron'
import type { AppUpdater, UpdateInfo } from 'electron-updater'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAutoUpdate, loadElectronUpdater, updaterFromModule } from '../../src/main/electron/autoUpdate'
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

// --------------------------------------------------------------------------------------------------------------
// A real update check: electron-updater's own updater (the one Linux .deb installs get) reads the
// app-update.yml electron-builder writes, asks a generic feed on loopback through `net.request`, and reports
// what it found. `net.request` is Electron's Chromium-backed client; its stand-in is Node's http.request, whose
// ClientRequest and IncomingMessage carry the same events and fields electron-updater reads.

interface Feed {
  url: string
  requests: string[]
  close: () => Promise<void>
}

const PACKAGE_BYTES = Buffer.from('the 9.9.9 package stands in here\n')

async function serveFeed(version: string): Promise<Feed> {
  const sha512 = createHash('sha512').update(PACKAGE_BYTES).digest('base64')
  const latest = [
    `version: ${version}`,
    'files:',
    `  - url: Cairn-${version}.deb`,
    `    sha512: ${sha512}`,
    `    size: ${PACKAGE_BYTES.length}`,
    `path: Cairn-${version}.deb`,
    `sha512: ${sha512}`,
    `releaseDate: '2026-12-01T00:00:00.000Z'`,
    '',
  ].join('\n')
  const requests: string[] = []
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    requests.push(url.pathname)
    if (url.pathname === '/updates/latest-linux.yml') {
      response.writeHead(200, { 'content-type': 'text/yaml' }).end(latest)
    } else if (url.pathname === `/updates/Cairn-${version}.deb`) {
      response.writeHead(200, { 'content-length': String(PACKAGE_BYTES.length) }).end(PACKAGE_BYTES)
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/updates/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type ElectronForUpdater = {
  app: ReturnType<typeof standInApp>
  net: Pick<Net, 'request'>
  session: { fromPartition: (partition: string) => Session }
  Notification: typeof NotificationStandIn
}

const notificationsShown: string[] = []
class NotificationStandIn {
  constructor(private readonly options: NotificationConstructorOptions) {}
  show(): void {
    notificationsShown.push(this.options.title ?? '')
  }
}

function standInElectronForUpdater(userData: string, calls: string[]): ElectronForUpdater {
  return {
    app: standInApp(userData, calls),
    net: {
      request: (options) => {
        if (typeof options === 'string') throw new Error('electron-updater passes request options, not a URL')
        calls.push(`net.request:${options.path ?? ''}`)
        const { session: _session, redirect: _redirect, ...nodeOptions } = options
        return http.request(nodeOptions as http.RequestOptions) as unknown as ClientRequest
      },
    },
    session: {
      fromPartition: (partition) => (calls.push(`session.fromPartition:${partition}`), {} as Session),
    },
    Notification: NotificationStandIn,
  }
}

async function withUpdaterElectron<T>(electron: ElectronForUpdater, run: () => Promise<T>): Promise<T> {
  const electronPath = requireHere.resolve('electron')
  const previous = requireHere.cache[electronPath]
  requireHere.cache[electronPath] = { exports: electron } as NodeJS.Module
  try {
    return await run()
  } finally {
    if (previous) requireHere.cache[electronPath] = previous
    else delete requireHere.cache[electronPath]
  }
}

async function checkAgainst(feedVersion: string) {
  const feed = await serveFeed(feedVersion)
  const root = tempDir()
  const resources = path.join(root, 'resources')
  fs.mkdirSync(resources)
  // What electron-builder writes from `publish` in electron-builder.yml.
  fs.writeFileSync(
    path.join(resources, 'app-update.yml'),
    `provider: generic\nurl: ${feed.url}\nupdaterCacheDirName: cairn-updater\n`,
  )
  const processWithResources = process as NodeJS.Process & { resourcesPath?: string }
  const previousResources = processWithResources.resourcesPath
  const previousCache = process.env.XDG_CACHE_HOME
  processWithResources.resourcesPath = resources
  process.env.XDG_CACHE_HOME = path.join(root, 'cache')
  const calls: string[] = []
  const events: string[] = []
  const log: string[] = []
  try {
    return await withUpdaterElectron(
      standInElectronForUpdater(path.join(root, 'userData'), calls),
      async () => {
        const loaded = (await import('electron-updater')) as unknown as {
          default: { DebUpdater: new () => AppUpdater }
        }
        const updater = new loaded.default.DebUpdater()
        // electron-updater's own log (the app routes it to electron-log) goes to the result, not the console.
        const record = (message: unknown) => void log.push(`updater: ${String(message)}`)
        updater.logger = { info: record, warn: record, error: record }
        const downloaded = new Promise<string>((resolve) =>
          updater.on('update-downloaded', (info: UpdateInfo) => resolve(info.version)),
        )
        updater.on('update-available', (info: UpdateInfo) => events.push(`update-available ${info.version}`))
        updater.on('update-not-available', (info: UpdateInfo) =>
          events.push(`update-not-available ${info.version}`),
        )
        updater.on('error', (error: Error) => events.push(`error ${error.message}`))
        const checks: unknown[] = []
        const autoUpdate = createAutoUpdate({
          loadUpdater: () => Promise.resolve(updater),
          isPackaged: true,
          setInterval: (fn) => checks.push(fn),
          clearInterval: () => undefined,
          log: (message) => log.push(message),
        })
        expect(autoUpdate.setEnabled(true)).toBe(true)
        await expect.poll(() => ownLog(log).length, { timeout: 10_000 }).toBe(2)
        const downloadedVersion = events.some((event) => event.startsWith('update-available'))
          ? await downloaded
          : null
        autoUpdate.stop()
        return {
          events,
          log: ownLog(log),
          updaterLog: log.filter((line) => line.startsWith('updater: ')),
          calls,
          requests: feed.requests,
          downloadedVersion,
        }
      },
    )
  } finally {
    processWithResources.resourcesPath = previousResources
    if (previousCache === undefined) delete process.env.XDG_CACHE_HOME
    else process.env.XDG_CACHE_HOME = previousCache
    await feed.close()
  }
}

/** The lines createAutoUpdate wrote, without electron-updater's own. */
function ownLog(log: string[]): string[] {
  return log.filter((line) => !line.startsWith('updater: '))
}

describe('an update check against a generic feed', () => {
  it('finds a newer version, downloads it with its checksum checked, and says so', async () => {
    const result = await checkAgainst('9.9.9')
    expect(result.events).toEqual(['update-available 9.9.9'])
    expect(result.log).toEqual([
      'Checking for updates',
      'Update 9.9.9 found; it downloads now and installs at quit',
    ])
    expect(result.downloadedVersion).toBe('9.9.9')
    expect(result.requests).toEqual(['/updates/latest-linux.yml', '/updates/Cairn-9.9.9.deb'])
    expect(result.calls).toContain('session.fromPartition:electron-updater')
    expect(result.updaterLog.some((line) => line.includes('New version 9.9.9 has been downloaded'))).toBe(
      true,
    )
  })

  it('reports no update when the feed names the running version', async () => {
    const result = await checkAgainst('0.1.0')
    expect(result.events).toEqual(['update-not-available 0.1.0'])
    expect(result.log).toEqual(['Checking for updates', 'No update available'])
    expect(result.requests).toEqual(['/updates/latest-linux.yml'])
  })
})
