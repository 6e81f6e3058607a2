import type { MenuItemConstructorOptions } from 'electron'
import type { Language } from '../../shared/i18n'
import { shellText } from './shellText'

/** What Cairn's own menu items do; the shell supplies them. */
export interface CairnActions {
  openMain(): void
  quickCapture(): void
  captureNow(): void
  setCapturePaused(paused: boolean): void
  quit(): void
}

/** What the menus show: whether capture exists yet, is on and is paused, and the quick capture shortcut. */
export interface ShellState {
  captureAvailable: boolean
  /** Whether the person turned capture on (capture.enabled); off, nothing may be taken, not even by hand. */
  captureEnabled: boolean
  capturePaused: boolean
  /** Set while capture should run but has taken nothing for a while (stale), with the reason. */
  captureWarning?: string | null
  /** The registered accelerator, or null when none is (turned off or refused by the OS). */
  shortcut: string | null
  /** What Cairn is doing, for the tray tooltip. */
  status: 'ready' | 'shortcutUnavailable'
  /** The language the menus speak (the `ui.language` setting, or the OS's). */
  language: Language
}

/** Capture now can be chosen only when there is a screen to take and the person has turned capture on. */
export const canCaptureNow = (state: ShellState): boolean => state.captureAvailable && state.captureEnabled

export function pauseItem(state: ShellState, actions: CairnActions): MenuItemConstructorOptions {
  const t = shellText(state.language)
  return {
    id: 'capture-pause',
    label: state.capturePaused ? t('shell.resume') : t('shell.pause'),
    type: 'checkbox',
    checked: state.capturePaused,
    click: () => actions.setCapturePaused(!state.capturePaused),
  }
}

/** The native application menu: the platform's standard roles with Cairn's actions in a menu of their own. */
export function applicationMenuTemplate(
  platform: NodeJS.Platform,
  state: ShellState,
  actions: CairnActions,
): MenuItemConstructorOptions[] {
  const t = shellText(state.language)
  const cairn: MenuItemConstructorOptions = {
    label: t('shell.captureMenu'),
    id: 'capture',
    submenu: [
      {
        id: 'quick-capture',
        label: t('shell.quickCapture'),
        ...(state.shortcut ? { accelerator: state.shortcut, registerAccelerator: false } : {}),
        click: () => actions.quickCapture(),
      },
      {
        id: 'capture-now',
        label: t('shell.captureNow'),
        enabled: canCaptureNow(state),
        click: () => actions.captureNow(),
      },
      pauseItem(state, actions),
    ],
  }
  const template: MenuItemConstructorOptions[] = []
  if (platform === 'darwin') template.push({ role: 'appMenu' })
  template.push(
    platform === 'darwin'
      ? { role: 'fileMenu' }
      : {
          label: t('shell.fileMenu'),
          submenu: [
            { label: t('shell.open'), click: () => actions.openMain() },
            { role: 'quit', label: t('shell.quit') },
          ],
        },
    { role: 'editMenu' },
    cairn,
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: t('shell.about'), role: 'about' }] },
  )
  return template
}
