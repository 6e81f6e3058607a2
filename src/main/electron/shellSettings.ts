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
} as const satisfies Record<string, SettingKey>

type Keys = typeof SHELL_SETTING_KEYS
export type ShellSettingName = keyof Keys
export type ShellSettings = { [N in ShellSettingName]: SettingValue<Keys[N]> }

const NAMES = Object.keys(SHELL_SETTING_KEYS) as ShellSettingName[]
const nameOf = new Map<string, ShellSettingName>(NAMES.map((name) => [SHELL_SETTING_KEYS[name], name]))

/** Reads them through the contract; a setting that cannot be read keeps its default. */
export async function loadShellSettings(core: Pick<Transport, 'call'>): Promise<ShellSettings> {
  const client = createClient({ call: core.call.bind(core), onEvent: () => () => undefined })
  const values: Record<string, unknown> = {}
  for (const name of NAMES) {
    const key = SHELL_SETTING_KEYS[name]
    values[name] = await client.call('settings.get', { key }).then(
      (entry) => entry.value,
      () => SETTINGS[key].defaultValue,
    )
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
