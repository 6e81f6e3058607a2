/**
 * The harness's child process: `node --import tsx child.ts` with HARNESS_MAIN (the built out/main/index.js)
 * and HARNESS_RECORD (where the record goes at exit). `require('electron')` inside the bundle and inside
 * electron-log resolves to the stand-in; the test drives the session over the process's IPC channel.
 */
import fs from 'node:fs'
import Module from 'node:module'
import path from 'node:path'
import type { TemplateItem } from './electronStandIn'
import {
  dialogs,
  electronStandIn,
  fetchThroughProtocol,
  harness,
  mediaAccess,
  notifications,
  onExit,
  opened,
  recorder,
  screenState,
  trays,
} from './electronStandIn'
import type { HarnessCommand, HarnessReply, HarnessState } from './protocol'

// The main thread may be told it runs on another OS, to take that OS's paths through the shell (the workers,
// which do not look at the platform for anything the test checks, keep the real one).
if (process.env.HARNESS_PLATFORM) {
  Object.defineProperty(process, 'platform', { value: process.env.HARNESS_PLATFORM })
}

const STAND_IN_ID = path.join(__dirname, 'electron-stand-in.virtual.js')
const standInModule = new Module(STAND_IN_ID)
standInModule.exports = electronStandIn
standInModule.loaded = true
standInModule.filename = STAND_IN_ID
require.cache[STAND_IN_ID] = standInModule

type Resolve = (request: string, ...rest: unknown[]) => string
const moduleInternals = Module as unknown as { _resolveFilename: Resolve }
const resolveFilename = moduleInternals._resolveFilename
moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return request === 'electron' ? STAND_IN_ID : resolveFilename.call(this, request, ...rest)
}

// Whatever the app leaves uncaught is a failure of the session, even though the app logs it too.
process.on('unhandledRejection', (reason) => recorder.problems.push(`unhandled rejection: ${String(reason)}`))
process.on('uncaughtException', (error) => {
  recorder.problems.push(`uncaught exception: ${error.stack ?? ''}`)
  process.stderr.write(`harness: uncaught exception: ${error.stack ?? String(error)}\n`)
})

const recordFile = process.env.HARNESS_RECORD ?? ''
onExit((code) => {
  fs.writeFileSync(recordFile, JSON.stringify({ code, state: state() }))
  process.exit(code)
})

function state(): HarnessState {
  const items = (list: TemplateItem[] | undefined) =>
    (list ?? []).map((item) => ({
      id: item.id ?? '',
      label: item.label ?? '',
      enabled: item.enabled !== false,
    }))
  return {
    steps: recorder.steps,
    problems: recorder.problems,
    windows: harness.allWindows.map((window) => ({
      url: window.webContents.getURL(),
      visible: window.isVisible(),
      destroyed: window.isDestroyed(),
      alwaysOnTop: window.isAlwaysOnTop(),
      loads: window.webContents.loads,
      exposed: Object.keys(window.webContents.world.exposed).sort(),
      guarded: {
        willNavigate: window.webContents.listenerCount('will-navigate'),
        willRedirect: window.webContents.listenerCount('will-redirect'),
        willAttachWebview: window.webContents.listenerCount('will-attach-webview'),
        windowOpenHandler: window.webContents.windowOpenHandler !== null,
      },
    })),
    trays: trays.map((tray) => ({
      images: tray.images,
      tooltip: tray.tooltip,
      destroyed: tray.destroyed,
      items: items(tray.menu?.items),
    })),
    shortcuts: [...harness.shortcuts.keys()],
    notifications,
    dialogs,
    opened,
    clipboard: harness.clipboard(),
    spellCheckerEnabled: harness.session.spellCheckerEnabled,
    screenCaptures: screenState.captures,
  }
}

function windowAt(pathname: string) {
  const window = harness
    .windows()
    .find((candidate) => new URL(candidate.webContents.getURL() || 'about:blank').pathname === pathname)
  if (!window) throw new Error(`no window shows ${pathname}`)
  return window
}

async function run(command: HarnessCommand): Promise<unknown> {
  switch (command.type) {
    case 'fireReady':
      harness.app.fireReady()
      return null
    case 'state':
      return state()
    case 'fetch': {
      const response = await fetchThroughProtocol(command.url)
      const body = Buffer.from(await response.arrayBuffer())
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        base64: body.toString('base64'),
      }
    }
    case 'bridge': {
      // What the page would do: call a function its preload put on `window.cairn`.
      const bridge = windowAt(command.page).webContents.world.exposed.cairn as Record<
        string,
        (...args: unknown[]) => unknown
      >
      const fn = bridge[command.fn]
      if (typeof fn !== 'function') throw new Error(`window.cairn.${command.fn} is not exposed`)
      return await fn(...command.args)
    }
    case 'clickTray': {
      const tray = trays.at(-1)
      const item = tray?.menu?.items.find((candidate) => candidate.id === command.id)
      if (!item?.click) throw new Error(`the tray has no item ${command.id}`)
      item.click()
      return null
    }
    case 'shortcut': {
      const callback = harness.shortcuts.get(command.accelerator)
      if (!callback) throw new Error(`no global shortcut ${command.accelerator}`)
      callback()
      return null
    }
    case 'crashPage': {
      const contents = windowAt(command.page).webContents
      harness.app.emit('render-process-gone', {}, contents, { reason: 'crashed', exitCode: 139 })
      return null
    }
    case 'screen':
      screenState.truncated = command.truncated
      return null
    case 'screenAccess':
      mediaAccess.screen = command.status
      return null
    case 'quit':
      harness.app.quit()
      return null
  }
}

process.on('message', (message: { id: number; command: HarnessCommand }) => {
  void run(message.command).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies HarnessReply),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies HarnessReply),
  )
})

// The built main process, exactly as Electron would load it: CommonJS, through Node's own loader.
Module.createRequire(__filename)(process.env.HARNESS_MAIN ?? '')
recorder.record('main loaded')
process.send?.({ id: 0, ok: true, result: 'loaded' } satisfies HarnessReply)
