import type { Menu, MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { openTestCore } from '../support/core'
import { FakeClock } from '../support/fakeClock'
import { FakeScreen } from '../support/fakeScreen'
import { connectInProcess } from '../../src/core/runtime/connection'
import type { CaptureStatus } from '../../src/shared/contract/domains/capture'
import {
  STATUS_POLL_MS,
  shellCaptureState,
  stallNotices,
  watchCaptureStatus,
} from '../../src/main/electron/captureStatus'
import type { ShellState } from '../../src/main/electron/menu'
import { createTrayController, trayMenuTemplate, trayTooltip } from '../../src/main/electron/tray'
import type { ThemeLike, TrayLike } from '../../src/main/electron/tray'

const actions = {
  openMain: () => undefined,
  quickCapture: () => undefined,
  captureNow: () => undefined,
  setCapturePaused: () => undefined,
  quit: () => undefined,
}

async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) await new Promise((resolve) => setImmediate(resolve))
}

describe('the tray and the capture status', () => {
  it('enables Capture now with a screen, and warns in the menu and tooltip when capture stalled', async () => {
    const clock = new FakeClock()
    const screen = new FakeScreen(clock)
    const t = openTestCore({ clock, core: { platform: { screen } } })
    t.call('settings.set', { key: 'capture.enabled', value: true })
    const menus: MenuItemConstructorOptions[][] = []
    const tooltips: string[] = []
    const tray: TrayLike = {
      setContextMenu: () => undefined,
      setToolTip: (text) => tooltips.push(text),
      setImage: () => undefined,
      destroy: () => undefined,
    }
    const theme: ThemeLike = { shouldUseDarkColors: false, on: () => theme }
    const initial: ShellState = {
      captureAvailable: false,
      captureEnabled: false,
      capturePaused: false,
      shortcut: null,
      status: 'ready',
      language: 'en',
    }
    const controller = createTrayController(
      {
        createTray: () => tray,
        buildMenu: (template) => {
          menus.push(template)
          return {} as Menu
        },
        theme,
        platform: 'linux',
        iconDir: '/icons',
      },
      initial,
      actions,
    )
    const timers: (() => void)[] = []
    const stop = watchCaptureStatus(
      connectInProcess(t.core),
      (status) => controller.update(shellCaptureState(status)),
      {
        setInterval: (callback, ms) => {
          expect(ms).toBe(STATUS_POLL_MS)
          timers.push(callback)
          return timers.length
        },
        clearInterval: () => timers.splice(0),
      },
    )
    await settle()
    expect(menus.at(-1)?.find((item) => item.id === 'capture-now')?.enabled).toBe(true)
    expect(tooltips.at(-1)).toBe('Cairn: ready · capturing')

    screen.failure = 'display disconnected'
    for (let tick = 0; tick < 4; tick += 1) {
      clock.advance(15_000)
      await settle()
    }
    expect(tooltips.at(-1)).toBe('Cairn: ready · capture stalled')
    expect(menus.at(-1)?.[0]).toMatchObject({
      id: 'capture-warning',
      enabled: false,
      label: expect.stringContaining('display disconnected'),
    })

    // A core that stops ticking sends no event: the poll still finds out.
    t.call('settings.set', { key: 'capture.paused', value: true })
    timers[0]?.()
    await settle()
    expect(tooltips.at(-1)).toBe('Cairn: ready · capture paused')
    expect(menus.at(-1)?.[0]?.id).toBe('quick-capture')

    // Turned off by the person: nothing may be taken, not even from the tray.
    t.call('settings.set', { key: 'capture.enabled', value: false })
    await settle()
    expect(tooltips.at(-1)).toBe('Cairn: ready · capture off')
    expect(menus.at(-1)?.find((item) => item.id === 'capture-now')?.enabled).toBe(false)
    stop()
    expect(timers).toEqual([])
  })

  it('notifies once when capture stalls, and again only after it recovered and stalled anew', () => {
    const notice = stallNotices()
    const status = (state: CaptureStatus['state'], reason = '') => ({ state, reason }) as CaptureStatus
    expect(notice(status('running'))).toBeNull()
    expect(notice(status('stale', 'no screenshot for 60 s: no display'))).toEqual({
      title: 'Cairn stopped capturing',
      body: 'no screenshot for 60 s: no display',
    })
    expect(notice(status('stale', 'no screenshot for 90 s: no display'))).toBeNull()
    expect(notice(status('paused', 'paused by you'))).toBeNull()
    expect(notice(status('stale', 'no screenshot for 45 s'))).toMatchObject({
      body: 'no screenshot for 45 s',
    })
  })

  it('shows capture as not set up when there is no screen source', () => {
    const status = { available: false, paused: false, state: 'unavailable', reason: 'none' } as CaptureStatus
    const state = {
      capturePaused: false,
      shortcut: null,
      status: 'ready',
      language: 'en',
      ...shellCaptureState(status),
    }
    expect(trayTooltip(state as ShellState)).toBe('Cairn: ready · capture not set up')
    expect(
      trayMenuTemplate(state as ShellState, actions).find((item) => item.id === 'capture-now')?.enabled,
    ).toBe(false)
  })
})
