import { createClient } from '../../shared/client'
import type { Transport } from '../../shared/client'
import type { SettingKey, SettingValue } from '../../shared/contract/domains/settings'
import { SETTINGS } from '../../shared/contract/domains/settings'
import type { MethodParams } from '../../shared/contract/methods'
import type { CoreConnection } from '../../core/runtime/connection'

/** The settings the desktop shell acts on, by the name the shell uses. */
export const SHELL_SETTING_KEYS = {
  launchAtLogin: 'desktop.launchAtLogin',
  hideToTrayOnClose: 'desktop.hideToTrayOnClose',
  quickCaptureShortcut: 'desktop.quickCaptureShortcut',
  autoUpdate: 'desktop.autoUpdate',
  notifyAi: 'desktop.notifyAi',
  spellcheck: 'desktop.spellcheck',
  capturePaused: 'capture.paused',
  language: 'ui.language',
} as const satisfies Record<string, SettingKey>

type Keys = typeof SHELL_SETTING_KEYS
export type ShellSettingName = keyof Keys
export type ShellSettings = { [N in ShellSettingName]: SettingValue<Keys[N]> }

const NAMES = Object.keys(SHELL_SETTING_KEYS) as ShellSettingName[]
const nameOf = new Map<string, ShellSettingName>(NAMES.map((name) => [SHELL_SETTING_KEYS[name], name]))

/**
 * Desktops known to show no tray icons out of the box: GNOME Shell without an AppIndicator extension. Electron
 * cannot ask whether a StatusNotifier host is running (a Tray is created either way and just never shows), so
 * this is a heuristic on XDG_CURRENT_DESKTOP: plain "GNOME" (Debian, Fedora, Arch) has none; Ubuntu's session
 * ("ubuntu:GNOME") and Pop!_OS ("pop:GNOME") ship the extension enabled; Budgie, Unity, Cinnamon, KDE, XFCE,
 * MATE and LXQt have trays. A GNOME user who installed the extension gets hide-to-tray off by default and can
 * turn it on; an unknown desktop is assumed to have one (a second launch brings a hidden window back anyway).
 */
export function desktopHasTray(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (platform !== 'linux') return true
  const desktops = (env.XDG_CURRENT_DESKTOP ?? '')
    .split(':')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0)
  if (!desktops.includes('gnome')) return true
  return desktops.some((name) => ['ubuntu', 'pop', 'unity', 'budgie'].includes(name))
}

export interface LoadOptions {
  /**
   * False where closing to the tray would leave no icon to come back by; by default desktopHasTray() of this
   * process's platform and environment.
   */
  hasTray?: boolean
}

/**
 * Reads them through the contract; a setting that cannot be read keeps its default. Where there is no tray,
 * hide-to-tray starts off: the first time (never chosen by the person) that choice is stored, so Settings shows it.
 */
export async function loadShellSettings(
  core: Pick<Transport, 'call'>,
  options: LoadOptions = {},
): Promise<ShellSettings> {
  const hasTray = options.hasTray ?? desktopHasTray(process.platform, process.env)
  const client = createClient({ call: core.call.bind(core), onEvent: () => () => undefined })
  const values: Record<string, unknown> = {}
  for (const name of NAMES) {
    const key = SHELL_SETTING_KEYS[name]
    const entry = await client.call('settings.get', { key }).then(
      (found) => found,
      () => null,
    )
    values[name] = entry ? entry.value : SETTINGS[key].defaultValue
    if (name === 'hideToTrayOnClose' && !hasTray && (entry?.isDefault ?? true)) {
      values[name] = false
      await client
        .call('settings.set', { key: SHELL_SETTING_KEYS.hideToTrayOnClose, value: false })
        .catch(() => undefined)
    }
  }
  return values as ShellSettings
}

/** Calls `onChange` whenever one of them is changed, by the settings screen, the tray or a tool. */
export function watchShellSettings(
  core: Pick<CoreConnection, 'onEvent'>,
  onChange: <N extends ShellSettingName>(name: N, value: ShellSettings[N]) => void,
): () => void {
  return core.onEvent((event) => {
    if (event.name !== 'settings.changed') return
    const name = nameOf.get(event.data.key)
    if (name) onChange(name, event.data.value as ShellSettings[typeof name])
  })
}

export async function saveShellSetting<N extends ShellSettingName>(
  core: Pick<Transport, 'call'>,
  name: N,
  value: ShellSettings[N],
): Promise<boolean> {
  const client = createClient({ call: core.call.bind(core), onEvent: () => () => undefined })
  // One of the shell's keys with a value of that key's type (ShellSettings), which is what settings.set takes.
  const params = { key: SHELL_SETTING_KEYS[name], value } as MethodParams<'settings.set'>
  return client.call('settings.set', params).then(
    () => true,
    () => false,
  )
}
