import type { Menu, MenuItemConstructorOptions } from 'electron'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { CairnActions, ShellState } from '../../src/main/electron/menu'
import { applicationMenuTemplate } from '../../src/main/electron/menu'
import type { ThemeLike, TrayLike } from '../../src/main/electron/tray'
import {
  createTrayController,
  panelIsDark,
  trayIconPath,
  trayMenuTemplate,
  trayTooltip,
} from '../../src/main/electron/tray'

const READY: ShellState = {
  captureAvailable: false,
  captureEnabled: true,
  capturePaused: false,
  shortcut: 'CommandOrControl+Shift+Space',
  status: 'ready',
  language: 'en',
}

function fakeActions() {
  return {
    openMain: vi.fn(),
    quickCapture: vi.fn(),
    captureNow: vi.fn(),
    setCapturePaused: vi.fn((_paused: boolean) => undefined),
    quit: vi.fn(),
  } satisfies CairnActions
}

const byId = (template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions => {
  const item = template.find((candidate) => candidate.id === id)
  if (!item) throw new Error(`no menu item ${id}`)
  return item
}
const click = (item: MenuItemConstructorOptions): void =>
  (item.click as unknown as (() => void) | undefined)?.()

describe('the tray menu', () => {
  it('lists quick capture, capture now, pause, open and quit in that order', () => {
    const labels = trayMenuTemplate(READY, fakeActions()).map((item) => item.label ?? item.type)
    expect(labels).toEqual([
      'Quick capture…',
      'Capture screenshot now',
      'Pause capture',
      'separator',
      'Open Cairn',
      'Quit Cairn',
    ])
  })

  it('shows the shortcut beside quick capture without registering it a second time', () => {
    const item = byId(trayMenuTemplate(READY, fakeActions()), 'quick-capture')
    expect(item).toMatchObject({ accelerator: 'CommandOrControl+Shift+Space', registerAccelerator: false })
    expect(
      byId(trayMenuTemplate({ ...READY, shortcut: null }, fakeActions()), 'quick-capture'),
    ).not.toHaveProperty('accelerator')
  })

  it('keeps Capture screenshot now disabled until capture exists and while the person has it off', () => {
    const enabled = (state: Partial<ShellState>) =>
      byId(trayMenuTemplate({ ...READY, ...state }, fakeActions()), 'capture-now').enabled
    expect(enabled({})).toBe(false)
    expect(enabled({ captureAvailable: true })).toBe(true)
    expect(enabled({ captureAvailable: true, captureEnabled: false })).toBe(false)
    const menuItem = (state: Partial<ShellState>) =>
      byId(
        applicationMenuTemplate('linux', { ...READY, ...state }, fakeActions()).find(
          (item) => item.id === 'capture',
        )?.submenu as MenuItemConstructorOptions[],
        'capture-now',
      ).enabled
    expect(menuItem({ captureAvailable: true })).toBe(true)
    expect(menuItem({ captureAvailable: true, captureEnabled: false })).toBe(false)
  })

  it('speaks the chosen language: the menu, the tooltip and the application menu in Chinese', () => {
    const zh = { ...READY, language: 'zh-CN' as const, captureAvailable: true }
    const labels = trayMenuTemplate(zh, fakeActions()).map((item) => item.label ?? item.type)
    expect(labels).toEqual(['快速记录…', '立即截屏', '暂停屏幕记录', 'separator', '打开 Cairn', '退出 Cairn'])
    expect(trayTooltip(zh)).toBe('Cairn：就绪 · 正在记录屏幕')
    expect(trayTooltip({ ...zh, captureEnabled: false })).toBe('Cairn：就绪 · 屏幕记录已关闭')
    const menu = applicationMenuTemplate('win32', zh, fakeActions())
    expect(menu.map((item) => item.role ?? item.label)).toEqual([
      '文件',
      'editMenu',
      '屏幕记录',
      'viewMenu',
      'windowMenu',
      'help',
    ])
    // A reason taken from a window title is shown as written, never HTML-escaped.
    const stalled = trayMenuTemplate({ ...zh, captureWarning: 'R&D <draft>' }, fakeActions())
    expect(stalled[0]?.label).toBe('屏幕记录已停滞：R&D <draft>')
  })

  it('offers Pause while capturing and Resume while paused, and asks for the opposite state', () => {
    const actions = fakeActions()
    const running = byId(trayMenuTemplate(READY, actions), 'capture-pause')
    expect(running).toMatchObject({ label: 'Pause capture', checked: false })
    click(running)
    const paused = byId(trayMenuTemplate({ ...READY, capturePaused: true }, actions), 'capture-pause')
    expect(paused).toMatchObject({ label: 'Resume capture', checked: true })
    click(paused)
    expect(actions.setCapturePaused.mock.calls).toEqual([[true], [false]])
  })

  it('runs its actions', () => {
    const actions = fakeActions()
    const template = trayMenuTemplate(READY, actions)
    for (const id of ['quick-capture', 'open', 'quit']) click(byId(template, id))
    expect(actions.quickCapture).toHaveBeenCalledTimes(1)
    expect(actions.openMain).toHaveBeenCalledTimes(1)
    expect(actions.quit).toHaveBeenCalledTimes(1)
  })

  it('says in the tooltip what is happening', () => {
    expect(trayTooltip(READY)).toBe('Cairn: ready · capture not set up')
    expect(trayTooltip({ ...READY, captureAvailable: true })).toBe('Cairn: ready · capturing')
    expect(trayTooltip({ ...READY, captureAvailable: true, capturePaused: true })).toBe(
      'Cairn: ready · capture paused',
    )
    expect(trayTooltip({ ...READY, captureAvailable: true, captureEnabled: false })).toBe(
      'Cairn: ready · capture off',
    )
    expect(trayTooltip({ ...READY, status: 'shortcutUnavailable' })).toBe(
      'Cairn: quick capture shortcut unavailable · capture not set up',
    )
  })

  it('picks a template icon on macOS and a glyph that contrasts with the panel elsewhere', () => {
    expect(trayIconPath('/icons', 'darwin', true)).toBe(path.join('/icons', 'trayTemplate.png'))
    expect(trayIconPath('/icons', 'darwin', false)).toBe(path.join('/icons', 'trayTemplate.png'))
    expect(trayIconPath('/icons', 'win32', true)).toBe(path.join('/icons', 'tray-light.png'))
    expect(trayIconPath('/icons', 'linux', false)).toBe(path.join('/icons', 'tray-dark.png'))
  })

  it('follows the colour of the system bar, not the apps: Windows taskbar, GNOME top bar, KDE scheme', () => {
    const theme = (apps: boolean, taskbar?: boolean): ThemeLike => ({
      shouldUseDarkColors: apps,
      ...(taskbar === undefined ? {} : { shouldUseDarkColorsForSystemIntegratedUI: taskbar }),
      on: () => undefined,
    })
    // Windows 11's default: light apps, dark taskbar.
    expect(panelIsDark('win32', theme(false, true))).toBe(true)
    expect(panelIsDark('win32', theme(true, false))).toBe(false)
    expect(panelIsDark('win32', theme(true))).toBe(true)
    // GNOME's top bar is dark in the light style too.
    expect(panelIsDark('linux', theme(false), 'ubuntu:GNOME')).toBe(true)
    expect(panelIsDark('linux', theme(false), 'KDE')).toBe(false)
    expect(panelIsDark('linux', theme(true), 'KDE')).toBe(true)
  })
})

class FakeTray implements TrayLike {
  menus: MenuItemConstructorOptions[][] = []
  tooltips: string[] = []
  images: string[] = []
  destroyed = 0
  constructor(readonly icon: string) {}
  setContextMenu(menu: Menu | null): void {
    this.menus.push(menu as unknown as MenuItemConstructorOptions[])
  }
  setToolTip(tooltip: string): void {
    this.tooltips.push(tooltip)
  }
  setImage(image: string): void {
    this.images.push(image)
  }
  destroy(): void {
    this.destroyed++
  }
}

class FakeTheme implements ThemeLike {
  shouldUseDarkColors = false
  private listener: (() => void) | null = null
  on(_event: 'updated', listener: () => void): this {
    this.listener = listener
    return this
  }
  switchTo(dark: boolean): void {
    this.shouldUseDarkColors = dark
    this.listener?.()
  }
}

describe('the tray controller', () => {
  function start() {
    let tray: FakeTray | null = null
    const theme = new FakeTheme()
    const controller = createTrayController(
      {
        createTray: (icon) => (tray = new FakeTray(icon)),
        // The fake "Menu" is the template itself, so the test can read what the tray shows.
        buildMenu: (template) => template as unknown as Menu,
        theme,
        platform: 'linux',
        iconDir: '/icons',
      },
      READY,
      fakeActions(),
    )
    if (!tray) throw new Error('no tray created')
    return { controller, tray: tray as FakeTray, theme }
  }

  it('creates the tray with the icon for the theme, its menu and its tooltip', () => {
    const { tray } = start()
    expect(tray.icon).toBe(path.join('/icons', 'tray-dark.png'))
    expect(tray.menus).toHaveLength(1)
    expect(tray.tooltips).toEqual(['Cairn: ready · capture not set up'])
  })

  it('rebuilds the menu and tooltip when the state changes', () => {
    const { controller, tray } = start()
    controller.update({ captureAvailable: true, capturePaused: true })
    const menu = tray.menus.at(-1) ?? []
    expect(byId(menu, 'capture-pause').label).toBe('Resume capture')
    expect(byId(menu, 'capture-now').enabled).toBe(true)
    expect(tray.tooltips.at(-1)).toBe('Cairn: ready · capture paused')
    expect(controller.state.capturePaused).toBe(true)
  })

  it('swaps the icon when the OS theme changes, and stops after destroy', () => {
    const { controller, tray, theme } = start()
    theme.switchTo(true)
    expect(tray.images).toEqual([path.join('/icons', 'tray-light.png')])
    controller.destroy()
    controller.destroy()
    expect(tray.destroyed).toBe(1)
    theme.switchTo(false)
    controller.update({ status: 'shortcutUnavailable' })
    expect(tray.images).toHaveLength(1)
    expect(tray.menus).toHaveLength(1)
  })
})

describe('the application menu', () => {
  const roles = (template: MenuItemConstructorOptions[]) => template.map((item) => item.role ?? item.label)

  it('has the standard roles and Cairn’s capture menu on macOS', () => {
    expect(roles(applicationMenuTemplate('darwin', READY, fakeActions()))).toEqual([
      'appMenu',
      'fileMenu',
      'editMenu',
      'Capture',
      'viewMenu',
      'windowMenu',
      'help',
    ])
  })

  it('has a File menu with Open and Quit elsewhere', () => {
    const template = applicationMenuTemplate('win32', READY, fakeActions())
    expect(roles(template)).toEqual(['File', 'editMenu', 'Capture', 'viewMenu', 'windowMenu', 'help'])
    const file = template[0]?.submenu as MenuItemConstructorOptions[]
    expect(file.map((item) => item.role ?? item.label)).toEqual(['Open Cairn', 'quit'])
    expect(file[1]?.label).toBe('Quit Cairn')
  })

  it('puts quick capture, capture now and pause in the Capture menu with their state', () => {
    const actions = fakeActions()
    const capture = applicationMenuTemplate('linux', { ...READY, capturePaused: true }, actions).find(
      (item) => item.id === 'capture',
    )
    const items = capture?.submenu as MenuItemConstructorOptions[]
    expect(items.map((item) => item.label)).toEqual([
      'Quick capture…',
      'Capture screenshot now',
      'Resume capture',
    ])
    expect(byId(items, 'capture-now').enabled).toBe(false)
    click(byId(items, 'quick-capture'))
    expect(actions.quickCapture).toHaveBeenCalledTimes(1)
  })
})
