import type { NotificationConstructorOptions } from 'electron'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { UpdaterLike } from '../../src/main/electron/autoUpdate'
import { UPDATE_CHECK_INTERVAL_MS, createAutoUpdate } from '../../src/main/electron/autoUpdate'
import type { QuitEvent, ShutdownApp } from '../../src/main/electron/lifecycle'
import {
  HIDDEN_ARGUMENT,
  applyLaunchAtLogin,
  installCleanShutdown,
  requestedDataDir,
  revealWindow,
  startedHidden,
} from '../../src/main/electron/lifecycle'
import type { NotificationLike } from '../../src/main/electron/notifications'
import { createNotifier } from '../../src/main/electron/notifications'

describe('the data folder', () => {
  it('comes from --data-dir (either form), then CAIRN_DATA_DIR, else Electron’s userData', () => {
    expect(requestedDataDir(['electron', '.', '--data-dir=/tmp/a'], {})).toBe(path.resolve('/tmp/a'))
    expect(requestedDataDir(['electron', '.', '--data-dir', 'rel/b'], { CAIRN_DATA_DIR: '/c' })).toBe(
      path.resolve('rel/b'),
    )
    expect(requestedDataDir(['electron', '.'], { CAIRN_DATA_DIR: '/c' })).toBe(path.resolve('/c'))
    expect(requestedDataDir(['electron', '.', '--data-dir'], {})).toBeNull()
    expect(requestedDataDir(['electron', '.'], {})).toBeNull()
  })
})

describe('single instance and login', () => {
  it('brings the first window back for a second launch: restored, shown and focused', () => {
    const calls: string[] = []
    const window = {
      isMinimized: () => true,
      restore: () => void calls.push('restore'),
      isVisible: () => false,
      show: () => void calls.push('show'),
      focus: () => void calls.push('focus'),
    }
    revealWindow(window)
    expect(calls).toEqual(['restore', 'show', 'focus'])
    calls.length = 0
    revealWindow({ ...window, isMinimized: () => false, isVisible: () => true })
    expect(calls).toEqual(['focus'])
  })

  it('registers launch at login as the setting says, starting hidden in the tray', () => {
    const setLoginItemSettings = vi.fn()
    expect(applyLaunchAtLogin({ setLoginItemSettings }, true, 'win32')).toEqual({ applied: true })
    expect(applyLaunchAtLogin({ setLoginItemSettings }, false, 'darwin')).toEqual({ applied: true })
    expect(setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: true, args: [HIDDEN_ARGUMENT] }],
      [{ openAtLogin: false, args: [] }],
    ])
    expect(applyLaunchAtLogin({ setLoginItemSettings }, true, 'linux')).toMatchObject({ applied: false })
    expect(setLoginItemSettings).toHaveBeenCalledTimes(2)
    expect(startedHidden(['cairn', HIDDEN_ARGUMENT])).toBe(true)
    expect(startedHidden(['cairn'], true)).toBe(true)
    expect(startedHidden(['cairn'])).toBe(false)
  })
})

/** Stands in for app: emits before-quit and will-quit the way app.quit() does. */
class FakeApp implements ShutdownApp {
  readonly listeners = new Map<string, ((event: QuitEvent) => void)[]>()
  exited = false
  on(event: string, listener: (event: QuitEvent) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  quit(): void {
    let prevented = false
    const event = { preventDefault: () => (prevented = true) }
    for (const listener of this.listeners.get('before-quit') ?? []) listener(event)
    for (const listener of this.listeners.get('will-quit') ?? []) listener(event)
    if (!prevented) this.exited = true
  }
}

describe('a clean shutdown', () => {
  it('holds the quit until the core has closed, then quits once', async () => {
    const app = new FakeApp()
    let finish: () => void = () => undefined
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    const shutdown = installCleanShutdown(app, close)
    expect(shutdown.quitting()).toBe(false)
    app.quit()
    expect(shutdown.quitting()).toBe(true)
    expect(app.exited).toBe(false)
    app.quit()
    expect(close).toHaveBeenCalledTimes(1)
    finish()
    await vi.waitFor(() => expect(app.exited).toBe(true))
    expect(close).toHaveBeenCalledTimes(1)
  })

  it('still quits when closing fails', async () => {
    const app = new FakeApp()
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    installCleanShutdown(app, () => Promise.reject(new Error('disk gone')))
    app.quit()
    await vi.waitFor(() => expect(app.exited).toBe(true))
    expect(error).toHaveBeenCalled()
    error.mockRestore()
  })

  it('stops a core that does not close by the deadline, says so, and quits', async () => {
    const app = new FakeApp()
    const warnings: string[] = []
    const terminate = vi.fn(() => Promise.resolve())
    installCleanShutdown(app, () => new Promise<void>(() => undefined), {
      deadlineMs: 20,
      terminate,
      log: { warn: (...parts) => void warnings.push(parts.join(' ')), error: () => undefined },
    })
    app.quit()
    await vi.waitFor(() => expect(app.exited).toBe(true))
    expect(terminate).toHaveBeenCalledTimes(1)
    expect(warnings).toEqual(['The core did not close within 20 ms; stopping it so Cairn can quit.'])
  })

  it('does not stop a core that closes in time', async () => {
    const app = new FakeApp()
    const terminate = vi.fn(() => Promise.resolve())
    installCleanShutdown(app, () => Promise.resolve(), { deadlineMs: 60_000, terminate })
    app.quit()
    await vi.waitFor(() => expect(app.exited).toBe(true))
    expect(terminate).not.toHaveBeenCalled()
  })
})

describe('notifications', () => {
  function fake() {
    const shown: NotificationConstructorOptions[] = []
    const clicks: (() => void)[] = []
    let supported = true
    const notifier = createNotifier({
      isSupported: () => supported,
      create: (options): NotificationLike => ({
        show: () => void shown.push(options),
        once: (_event: 'click', listener: () => void) => clicks.push(listener),
      }),
    })
    return { notifier, shown, clicks, unsupported: () => (supported = false) }
  }

  it('shows a title and body and runs the click action', () => {
    const { notifier, shown, clicks } = fake()
    const onClick = vi.fn()
    expect(notifier.notify({ title: 'Reminder', body: 'Stand-up in 5 minutes', onClick })).toBe(true)
    expect(shown).toEqual([{ title: 'Reminder', body: 'Stand-up in 5 minutes', silent: false }])
    clicks[0]?.()
    expect(onClick).toHaveBeenCalledTimes(1)
  })

  it('says false where the OS has no notifications', () => {
    const { notifier, shown, unsupported } = fake()
    unsupported()
    expect(notifier.notify({ title: 'Tip', body: 'x' })).toBe(false)
    expect(shown).toEqual([])
  })
})

describe('auto-update', () => {
  function fake(isPackaged: boolean) {
    const updater: UpdaterLike = {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      checkForUpdatesAndNotify: vi.fn(() => Promise.resolve(null)),
    }
    const loadUpdater = vi.fn(() => Promise.resolve(updater))
    const intervals = new Map<number, () => void>()
    let next = 1
    const log = vi.fn()
    const updates = createAutoUpdate({
      loadUpdater,
      isPackaged,
      setInterval: (fn, ms) => {
        expect(ms).toBe(UPDATE_CHECK_INTERVAL_MS)
        intervals.set(next, fn)
        return next++
      },
      clearInterval: (handle) => void intervals.delete(handle as number),
      log,
    })
    return { updates, updater, loadUpdater, intervals, log }
  }

  it('never loads electron-updater while the setting is off', () => {
    const { updates, loadUpdater, intervals } = fake(true)
    expect(updates.setEnabled(false)).toBe(false)
    expect(loadUpdater).not.toHaveBeenCalled()
    expect(intervals.size).toBe(0)
  })

  it('never checks from a development build, whatever the setting', () => {
    const { updates, loadUpdater } = fake(false)
    expect(updates.setEnabled(true)).toBe(false)
    expect(loadUpdater).not.toHaveBeenCalled()
  })

  it('checks at once and on an interval when turned on, and stops when turned off', async () => {
    const { updates, updater, intervals } = fake(true)
    expect(updates.setEnabled(true)).toBe(true)
    await vi.waitFor(() => expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1))
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true })
    for (const tick of intervals.values()) tick()
    await vi.waitFor(() => expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2))
    updates.setEnabled(false)
    expect(intervals.size).toBe(0)
  })

  it('logs a failed check instead of throwing', async () => {
    const { updates, updater, log } = fake(true)
    vi.mocked(updater.checkForUpdatesAndNotify).mockRejectedValueOnce(new Error('offline'))
    updates.setEnabled(true)
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith('Update check failed: offline'))
    updates.stop()
  })
})
