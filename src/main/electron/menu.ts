import type { MenuItemConstructorOptions } from 'electron'

/** What Cairn's own menu items do; the shell supplies them. */
export interface CairnActions {
  openMain(): void
  quickCapture(): void
  captureNow(): void
  setCapturePaused(paused: boolean): void
  quit(): void
}

/** What the menus show: whether capture exists yet and is paused, and the quick capture shortcut. */
export interface ShellState {
  captureAvailable: boolean
  capturePaused: boolean
  /** Set while capture should run but has taken nothing for a while (stale), with the reason. */
  captureWarning?: string | null
  /** The registered accelerator, or null when none is (turned off or refused by the OS). */
  shortcut: string | null
  /** One line on what Cairn is doing, for the tray tooltip. */
  status: string
}

export function pauseItem(state: ShellState, actions: CairnActions): MenuItemConstructorOptions {
  return {
    id: 'capture-pause',
    label: state.capturePaused ? 'Resume capture' : 'Pause capture',
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
  const cairn: MenuItemConstructorOptions = {
    label: 'Capture',
    id: 'capture',
    submenu: [
      {
        id: 'quick-capture',
        label: 'Quick Capture…',
        ...(state.shortcut ? { accelerator: state.shortcut, registerAccelerator: false } : {}),
        click: () => actions.quickCapture(),
      },
      {
        id: 'capture-now',
        label: 'Capture Screenshot Now',
        enabled: state.captureAvailable,
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
          label: 'File',
          submenu: [{ label: 'Open Cairn', click: () => actions.openMain() }, { role: 'quit' }],
        },
    { role: 'editMenu' },
    cairn,
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Cairn', role: 'about' }] },
  )
  return template
}
