import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CoreConnection } from '../../src/core/runtime/connection'
import { connectInProcess } from '../../src/core/runtime/connection'
import { createCore } from '../../src/core/runtime/createCore'
import type { ShellSettingName } from '../../src/main/electron/shellSettings'
import {
  desktopHasTray,
  loadShellSettings,
  saveShellSetting,
  watchShellSettings,
} from '../../src/main/electron/shellSettings'

describe('the shell’s settings, through the contract', () => {
  let dataDir = ''
  let core: CoreConnection | null = null
  afterEach(async () => {
    await core?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
  const start = (): CoreConnection => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-shell-settings-'))
    core = connectInProcess(createCore({ dataDir, validateOutput: true }))
    return core
  }

  it('starts from the defaults', async () => {
    // With a tray, as on macOS, Windows and most Linux desktops (the default asks this machine's desktop).
    expect(await loadShellSettings(start(), { hasTray: true })).toEqual({
      launchAtLogin: false,
      hideToTrayOnClose: true,
      quickCaptureShortcut: 'CommandOrControl+Shift+Space',
      autoUpdate: false,
      notifyAi: true,
      // Off: no dictionary is downloaded unless the person asks for spell-checking.
      spellcheck: false,
      capturePaused: false,
      // The tray and menus follow the OS's language until one is chosen.
      language: 'system',
    })
  })

  it('hears every change, made by itself or by any other client', async () => {
    const connection = start()
    const heard: [ShellSettingName, unknown][] = []
    const stop = watchShellSettings(connection, (name, value) => heard.push([name, value]))
    expect(await saveShellSetting(connection, 'capturePaused', true)).toBe(true)
    await connection.call('settings.set', { key: 'desktop.quickCaptureShortcut', value: 'Alt+Shift+N' })
    await connection.call('settings.set', { key: 'ui.theme', value: 'dark' })
    expect(heard).toEqual([
      ['capturePaused', true],
      ['quickCaptureShortcut', 'Alt+Shift+N'],
    ])
    stop()
    await saveShellSetting(connection, 'autoUpdate', true)
    expect(heard).toHaveLength(2)
    expect(await loadShellSettings(connection, { hasTray: true })).toMatchObject({
      capturePaused: true,
      quickCaptureShortcut: 'Alt+Shift+N',
      autoUpdate: true,
    })
  })

  it('refuses a shortcut that is not an accelerator', async () => {
    const connection = start()
    expect(
      await connection.call('settings.set', { key: 'desktop.quickCaptureShortcut', value: 'Space' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('starts with hide-to-tray off where the desktop shows no tray, and stores that so Settings shows it', async () => {
    const connection = start()
    expect(await loadShellSettings(connection, { hasTray: false })).toMatchObject({
      hideToTrayOnClose: false,
    })
    expect(await connection.call('settings.get', { key: 'desktop.hideToTrayOnClose' })).toMatchObject({
      ok: true,
      result: { value: false, isDefault: false },
    })
    // The person's own choice wins afterwards, tray or not.
    await saveShellSetting(connection, 'hideToTrayOnClose', true)
    expect(await loadShellSettings(connection, { hasTray: false })).toMatchObject({
      hideToTrayOnClose: true,
    })
  })
})

describe('whether the desktop has a tray', () => {
  it.each([
    ['darwin', undefined, true],
    ['win32', undefined, true],
    ['linux', 'GNOME', false],
    ['linux', 'GNOME-Classic:GNOME', false],
    ['linux', 'ubuntu:GNOME', true],
    ['linux', 'pop:GNOME', true],
    ['linux', 'Budgie:GNOME', true],
    ['linux', 'KDE', true],
    ['linux', 'XFCE', true],
    ['linux', 'X-Cinnamon', true],
    ['linux', undefined, true],
  ] as const)('%s with XDG_CURRENT_DESKTOP=%s: %s', (platform, desktop, expected) => {
    expect(desktopHasTray(platform, { XDG_CURRENT_DESKTOP: desktop })).toBe(expected)
  })
})
