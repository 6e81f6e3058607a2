import type { Menu, MenuItemConstructorOptions, NativeTheme, Tray } from 'electron'
import path from 'node:path'
import type { CairnActions, ShellState } from './menu'
import { canCaptureNow, pauseItem } from './menu'
import { shellText } from './shellText'

/** The tray's context menu for the current state. */
export function trayMenuTemplate(state: ShellState, actions: CairnActions): MenuItemConstructorOptions[] {
  const t = shellText(state.language)
  const warning: MenuItemConstructorOptions[] = state.captureWarning
    ? [
        {
          id: 'capture-warning',
          label: t('shell.stalled', { reason: state.captureWarning }).slice(0, 120),
          enabled: false,
        },
        { type: 'separator' },
      ]
    : []
  return [
    ...warning,
    {
      id: 'quick-capture',
      label: t('shell.quickCapture'),
      ...(state.shortcut ? { accelerator: state.shortcut, registerAccelerator: false } : {}),
      click: () => actions.quickCapture(),
    },
    {
      id: 'capture-now',
      label: t('shell.captureNow'),
      // Without a screen source, or with capture off, the item is shown but cannot be chosen.
      enabled: canCaptureNow(state),
      click: () => actions.captureNow(),
    },
    pauseItem(state, actions),
    { type: 'separator' },
    { id: 'open', label: t('shell.open'), click: () => actions.openMain() },
    { id: 'quit', label: t('shell.quit'), click: () => actions.quit() },
  ]
}

export function trayTooltip(state: ShellState): string {
  const t = shellText(state.language)
  const capture = !state.captureAvailable
    ? t('shell.captureNotSetUp')
    : !state.captureEnabled
      ? t('shell.captureOff')
      : state.capturePaused
        ? t('shell.capturePaused')
        : state.captureWarning
          ? t('shell.captureStalled')
          : t('shell.capturing')
  const status = state.status === 'ready' ? t('shell.statusReady') : t('shell.statusShortcut')
  return t('shell.tooltip', { status, capture })
}

/**
 * The tray image for this platform and the colour of the bar it sits in: macOS gets a template image (the OS
 * tints it for the menu bar); elsewhere a light glyph on a dark bar and a dark glyph on a light one. The @2x
 * files sit beside each.
 */
export function trayIconPath(iconDir: string, platform: NodeJS.Platform, darkPanel: boolean): string {
  if (platform === 'darwin') return path.join(iconDir, 'trayTemplate.png')
  return path.join(iconDir, darkPanel ? 'tray-light.png' : 'tray-dark.png')
}

export type TrayLike = Pick<Tray, 'setContextMenu' | 'setToolTip' | 'setImage' | 'destroy'>
export type ThemeLike = Pick<NativeTheme, 'shouldUseDarkColors'> &
  Partial<Pick<NativeTheme, 'shouldUseDarkColorsForSystemIntegratedUI'>> & {
    on(event: 'updated', listener: () => void): unknown
  }

/**
 * Whether the bar holding the tray is dark. It is the system's colour, never Cairn's own theme: Windows keeps
 * the taskbar's colour apart from the apps' (dark taskbar with light apps is Windows 11's default), GNOME's top
 * bar is dark in its light and dark styles alike, and KDE and the others follow the system colour scheme.
 */
export function panelIsDark(platform: NodeJS.Platform, theme: ThemeLike, desktop = ''): boolean {
  if (platform === 'win32') return theme.shouldUseDarkColorsForSystemIntegratedUI ?? theme.shouldUseDarkColors
  if (platform === 'linux' && /gnome|unity|ubuntu/i.test(desktop)) return true
  return theme.shouldUseDarkColors
}
const _nativeThemeIsThemeLike = (theme: NativeTheme): ThemeLike => theme
void _nativeThemeIsThemeLike

export interface TrayDeps {
  createTray(iconPath: string): TrayLike
  buildMenu(template: MenuItemConstructorOptions[]): Menu
  theme: ThemeLike
  platform: NodeJS.Platform
  iconDir: string
  /** XDG_CURRENT_DESKTOP on Linux (GNOME, KDE, …). */
  desktop?: string
}

export interface TrayController {
  update(change: Partial<ShellState>): void
  readonly state: ShellState
  destroy(): void
}

/** Owns the tray icon: rebuilds its menu and tooltip whenever the shell's state changes. */
export function createTrayController(
  deps: TrayDeps,
  initial: ShellState,
  actions: CairnActions,
): TrayController {
  let state = { ...initial }
  const icon = (): string =>
    trayIconPath(deps.iconDir, deps.platform, panelIsDark(deps.platform, deps.theme, deps.desktop))
  const tray = deps.createTray(icon())
  let destroyed = false
  const render = (): void => {
    if (destroyed) return
    tray.setContextMenu(deps.buildMenu(trayMenuTemplate(state, actions)))
    tray.setToolTip(trayTooltip(state))
  }
  deps.theme.on('updated', () => {
    if (!destroyed) tray.setImage(icon())
  })
  render()
  return {
    update(change) {
      state = { ...state, ...change }
      render()
    },
    get state() {
      return state
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      tray.destroy()
    },
  }
}
