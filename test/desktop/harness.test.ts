import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CallResponse } from '../../src/shared/contract/errors'
import type { MethodName, MethodParams, MethodResult } from '../../src/shared/contract/methods'
import { resultOf } from '../../src/shared/client'
import type { HarnessState } from './harness/protocol'
import type { HarnessSession } from './harness/session'
import { startHarness } from './harness/session'

const ROOT = path.resolve(__dirname, '../..')
const MAIN_PAGE = '/index.html'
const API_KEY = 'sk-harness-0123456789abcdefSECRET'

const running: HarnessSession[] = []
afterEach(() => {
  for (const session of running.splice(0)) session.kill()
})

async function started(platform?: NodeJS.Platform, dataDir?: string): Promise<HarnessSession> {
  const session = await startHarness({ ...(platform ? { platform } : {}), ...(dataDir ? { dataDir } : {}) })
  running.push(session)
  return session
}

/** A contract call made by the main window's page through `window.cairn`, the preload and ipcMain. */
async function call(session: HarnessSession, method: string, params: unknown = {}): Promise<CallResponse> {
  return (await session.send({
    type: 'bridge',
    page: MAIN_PAGE,
    fn: 'call',
    args: [method, params],
  })) as CallResponse
}

async function result<M extends MethodName>(
  session: HarnessSession,
  method: M,
  params: MethodParams<M>,
): Promise<MethodResult<M>> {
  const response = await call(session, method, params)
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
  return resultOf(method, response)
}

const stepIndex = (state: HarnessState, step: string): number => state.steps.findIndex((s) => s.step === step)

/** Ready, then wait until the main window's page has loaded and the tray is up. */
async function readySession(session: HarnessSession): Promise<HarnessState> {
  await session.send({ type: 'fireReady' })
  await expect
    .poll(
      async () => {
        const state = await session.state()
        return state.trays.length === 1 && state.windows.some((w) => w.url.endsWith(MAIN_PAGE) && w.loads > 0)
      },
      { timeout: 20_000 },
    )
    .toBe(true)
  return session.state()
}

function logText(dataDir: string): string {
  const dir = path.join(dataDir, 'logs')
  return fs
    .readdirSync(dir)
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('\n')
}

/** Turns capture on through the contract, whatever the data folder's first-run state says. */
async function enableCapture(session: HarnessSession): Promise<void> {
  await result(session, 'settings.set', { key: 'capture.enabled', value: true })
  await result(session, 'settings.set', { key: 'capture.paused', value: false })
  await result(session, 'settings.set', { key: 'capture.intervalSeconds', value: 5 })
}

/** A provider that refuses the key and, like some do, quotes it back in its error. */
async function refusingProvider(): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((request, response) => {
    response.writeHead(401, { 'Content-Type': 'application/json' })
    response.end(
      JSON.stringify({
        error: { message: `Incorrect API key provided: ${request.headers.authorization ?? ''}` },
      }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => server.close(),
  }
}

describe('the built main process under the Electron stand-in', () => {
  it('runs a whole session: secure windows, cairn://, IPC to the real core, tray, shortcut, capture, logs, quit', async () => {
    const startedAt = performance.now()
    const session = await started()

    // Before ready: the scheme is privileged, nothing else has happened yet.
    const before = await session.state()
    expect(stepIndex(before, 'protocol.registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0)
    expect(before.windows).toEqual([])

    const state = await readySession(session)
    const firstWindow = stepIndex(state, 'BrowserWindow')
    expect(stepIndex(state, 'protocol.registerSchemesAsPrivileged')).toBeLessThan(
      stepIndex(state, 'app.ready'),
    )
    expect(stepIndex(state, 'session.setPermissionRequestHandler')).toBeLessThan(firstWindow)
    expect(stepIndex(state, 'session.setPermissionCheckHandler')).toBeLessThan(firstWindow)
    expect(stepIndex(state, 'protocol.handle')).toBeLessThan(firstWindow)
    // Spell-checking is off until the person turns it on: no dictionary is fetched.
    expect(stepIndex(state, 'session.setSpellCheckerEnabled')).toBeLessThan(firstWindow)
    expect(state.spellCheckerEnabled).toBe(false)

    // Both windows: secure preferences, an existing preload, the navigation guard on before the page loaded.
    const created = state.steps.filter((s) => s.step === 'BrowserWindow')
    expect(created).toHaveLength(2)
    for (const { detail } of created) {
      expect(detail).toMatchObject({
        preloadExists: true,
        // Linux and Windows title bars take the icon from resources/ (macOS from the bundle).
        iconExists: true,
        webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
      })
    }
    expect(state.windows.map((w) => new URL(w.url).pathname).sort()).toEqual([
      MAIN_PAGE,
      '/quick-capture.html',
    ])
    for (const window of state.windows) {
      expect(window.guarded).toEqual({
        willNavigate: 1,
        willRedirect: 1,
        willAttachWebview: 1,
        windowOpenHandler: true,
      })
    }
    expect(state.windows.find((w) => w.url.endsWith(MAIN_PAGE))?.exposed).toEqual(['cairn'])

    // cairn:// serves the built renderer's bytes with the CSP.
    const page = (await session.send({ type: 'fetch', url: 'cairn://app/index.html' })) as {
      status: number
      headers: Record<string, string>
      base64: string
    }
    expect(page.status).toBe(200)
    expect(
      Buffer.from(page.base64, 'base64').equals(fs.readFileSync(path.join(ROOT, 'out/renderer/index.html'))),
    ).toBe(true)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    const outside = (await session.send({ type: 'fetch', url: 'cairn://app/..%2f..%2fpackage.json' })) as {
      status: number
    }
    expect(outside.status).toBe(404)

    // One contract call from the page through the preload and ipcMain to the real core worker, and back.
    expect(await call(session, 'todos.create', { content: 'from the harness' })).toMatchObject({
      ok: true,
      result: { content: 'from the harness' },
    })
    expect(await result(session, 'todos.list', {})).toMatchObject({
      total: 1,
      items: [{ content: 'from the harness' }],
    })

    // The tray's icons exist on disk; the shortcut opens quick capture.
    const tray = state.trays[0]
    expect(tray?.images.every((image) => image.exists)).toBe(true)
    expect(tray?.items.map((item) => item.id)).toContain('quick-capture')
    expect(state.shortcuts).toHaveLength(1)
    const quick = () =>
      session.state().then((s) => s.windows.find((w) => w.url.endsWith('/quick-capture.html')))
    expect((await quick())?.visible).toBe(false)
    await session.send({ type: 'shortcut', accelerator: state.shortcuts[0] ?? '' })
    await expect.poll(async () => (await quick())?.visible).toBe(true)
    expect((await quick())?.alwaysOnTop).toBe(true)

    // No frame is stored before capture is turned on; then ticks take real bitmaps from the stand-in screen.
    const allFrames = { from: 0, to: Date.now() + 86_400_000 }
    expect(await result(session, 'capture.list', allFrames)).toMatchObject({ total: 0 })
    expect((await session.state()).screenCaptures).toBe(0)
    await enableCapture(session)
    await expect
      .poll(() => result(session, 'capture.list', allFrames).then((list) => list.total), {
        timeout: 20_000,
        interval: 500,
      })
      .toBeGreaterThan(0)

    // A picture the encoder worker cannot compress: its warning reaches the main log over the worker's channel.
    await session.send({ type: 'screen', truncated: true })
    await session.send({ type: 'clickTray', id: 'capture-now' })
    await expect
      .poll(() => logText(session.dataDir), { timeout: 10_000 })
      .toContain('[encoder] A screenshot could not be compressed')
    await session.send({ type: 'screen', truncated: false })

    // Secrets never reach a log: a key set through the contract, a provider quoting it back, a page logging it.
    await result(session, 'ai.setApiKey', { key: API_KEY })
    const provider = await refusingProvider()
    try {
      await result(session, 'settings.set', { key: 'ai.provider', value: 'custom' })
      await result(session, 'settings.set', { key: 'ai.baseUrl', value: provider.url })
      expect(await result(session, 'ai.testConnection', {})).toMatchObject({ ok: false })
    } finally {
      provider.close()
    }
    await session.send({
      type: 'bridge',
      page: MAIN_PAGE,
      fn: 'log',
      args: ['error', `fetch failed with Authorization: Bearer ${API_KEY} and key=${API_KEY}`],
    })

    // Copy diagnostics and Open logs folder, from Settings through the bridge.
    expect(
      await session.send({ type: 'bridge', page: MAIN_PAGE, fn: 'desktop', args: ['copyDiagnostics'] }),
    ).toBe(true)
    expect(
      await session.send({ type: 'bridge', page: MAIN_PAGE, fn: 'desktop', args: ['openLogsFolder'] }),
    ).toBe(true)
    const afterButtons = await session.state()
    expect(afterButtons.clipboard).toMatch(/^Cairn \d+\.\d+\.\d+/)
    expect(afterButtons.clipboard).toContain('desktop.spellcheck: false')
    expect(afterButtons.clipboard).toContain('[renderer] fetch failed')
    expect(afterButtons.clipboard).not.toContain(API_KEY)
    expect(afterButtons.opened).toEqual([path.join(session.dataDir, 'logs')])

    // A crashed page is offered a reload, and reloads.
    await session.send({ type: 'crashPage', page: MAIN_PAGE })
    await expect
      .poll(async () => (await session.state()).steps.some((s) => s.step === 'webContents.reload'))
      .toBe(true)
    expect((await session.state()).dialogs.at(-1)?.message).toBe('This Cairn window stopped unexpectedly.')

    // Quit: the core closes the database cleanly, and the process ends.
    const quitAt = performance.now()
    await session.send({ type: 'quit' })
    const exit = await session.exited
    expect(exit.code).toBe(0)
    expect(exit.at - quitAt).toBeLessThan(5000)
    expect(fs.existsSync(path.join(session.dataDir, 'cairn.db.clean'))).toBe(true)
    expect(fs.existsSync(path.join(session.dataDir, 'cairn.db-wal'))).toBe(false)
    expect(exit.state?.problems).toEqual([])
    expect(exit.state?.trays[0]?.destroyed).toBe(true)

    const logs = logText(session.dataDir)
    expect(logs).toContain('Cairn is ready.')
    expect(logs).toContain('[renderer] fetch failed with Authorization: [redacted]')
    expect(logs).not.toContain(API_KEY)
    expect(logs).not.toContain('0123456789abcdefSECRET')
    // No screenshot bytes either (a JPEG in base64 starts /9j/).
    expect(logs).not.toContain('/9j/')
    console.info(`The harness session ran in ${Math.round(performance.now() - startedAt)} ms.`)
  })

  it('starts Chromium in the language chosen in Settings at the next start, so date pickers speak it', async () => {
    const first = await started()
    await readySession(first)
    // Nothing chosen yet: Chromium follows the OS.
    expect((await first.state()).steps.filter((s) => s.step === 'app.commandLine.appendSwitch')).toEqual([])
    await result(first, 'settings.set', { key: 'ui.language', value: 'zh-CN' })
    const kept = path.join(first.dataDir, 'ui-language.json')
    await expect.poll(() => fs.existsSync(kept) && fs.readFileSync(kept, 'utf8')).toBe('"zh-CN"')
    await first.send({ type: 'quit' })
    expect((await first.exited).code).toBe(0)

    const next = await started(undefined, first.dataDir)
    const state = await next.state()
    const switches = state.steps.filter((s) => s.step === 'app.commandLine.appendSwitch')
    expect(switches.map((s) => s.detail)).toEqual([{ name: 'lang', value: 'zh-CN', beforeReady: true }])
  })

  it('quits within 5 s when the core is stuck waiting on a provider that never answers', async () => {
    const silent = net.createServer(() => undefined)
    const connections = new Set<net.Socket>()
    silent.on('connection', (socket) => connections.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const session = await started()
      await readySession(session)
      await result(session, 'settings.set', { key: 'ai.provider', value: 'custom' })
      await result(session, 'settings.set', {
        key: 'ai.baseUrl',
        value: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`,
      })
      // The call waits on the provider; a clean close would wait for it (up to its 15 s timeout).
      void call(session, 'ai.testConnection', {}).catch(() => undefined)
      await expect.poll(() => connections.size, { timeout: 10_000 }).toBeGreaterThan(0)

      const quitAt = performance.now()
      await session.send({ type: 'quit' })
      const exit = await session.exited
      expect(exit.code).toBe(0)
      expect(exit.at - quitAt).toBeLessThan(5000)
      expect(exit.state?.problems).toEqual([])
      expect(logText(session.dataDir)).toContain('did not close within')
      // Not a clean close: the next start checks the file.
      expect(fs.existsSync(path.join(session.dataDir, 'cairn.db.clean'))).toBe(false)
    } finally {
      for (const socket of connections) socket.destroy()
      silent.close()
    }
  })

  it('on macOS floats quick capture over full-screen apps and takes the focus; the tray is a template image', async () => {
    const session = await started('darwin')
    const state = await readySession(session)
    const tray = state.trays[0]
    expect(tray?.images.map((image) => [path.basename(image.path), image.exists])).toEqual([
      ['trayTemplate.png', true],
    ])
    await session.send({ type: 'shortcut', accelerator: state.shortcuts[0] ?? '' })
    const after = await session.state()
    const steps = after.steps.map((s) => s.step)
    const floated = after.steps.find((s) => s.step === 'window.setVisibleOnAllWorkspaces')
    expect(floated?.detail).toEqual({
      visible: true,
      options: { visibleOnFullScreen: true, skipTransformProcessType: true },
    })
    expect(after.steps.find((s) => s.step === 'window.setAlwaysOnTop')?.detail).toEqual({
      flag: true,
      level: 'screen-saver',
    })
    expect(after.steps.find((s) => s.step === 'app.focus')?.detail).toEqual({ steal: true })
    // Set up before the window was first shown (macOS ignores a later change), focus taken before showing.
    const shown = steps.lastIndexOf('window.show')
    expect(steps.indexOf('window.setVisibleOnAllWorkspaces')).toBeLessThan(shown)
    expect(steps.lastIndexOf('app.focus')).toBeLessThan(shown)

    // Screen Recording refused in System Settings: capture says why and stores nothing; allowed again, it runs.
    await session.send({ type: 'screenAccess', status: 'denied' })
    await enableCapture(session)
    await session.send({ type: 'clickTray', id: 'capture-now' })
    await expect
      .poll(() => result(session, 'capture.status', {}), {
        timeout: 10_000,
      })
      .toMatchObject({ state: 'unavailable', reason: expect.stringContaining('Screen Recording') })
    const allFrames = { from: 0, to: Date.now() + 86_400_000 }
    expect(await result(session, 'capture.list', allFrames)).toMatchObject({ total: 0 })
    expect((await session.state()).steps.map((s) => s.step)).toContain(
      'systemPreferences.getMediaAccessStatus',
    )
    await session.send({ type: 'screenAccess', status: 'granted' })
    await expect
      .poll(() => result(session, 'capture.list', allFrames).then((list) => list.total), {
        timeout: 20_000,
        interval: 500,
      })
      .toBeGreaterThan(0)

    await session.send({ type: 'quit' })
    const exit = await session.exited
    expect(exit.code).toBe(0)
    expect(exit.state?.problems).toEqual([])
  })
})
