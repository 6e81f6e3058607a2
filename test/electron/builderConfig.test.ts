import Ajv from 'ajv'
import { validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import yaml from 'js-yaml'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')
const schema = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as object
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>

/** electron-builder's own JSON schema, compiled the way it checks a configuration (all errors reported). */
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)

function problems(candidate: unknown): string[] {
  return validate(candidate)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`)
}

describe("electron-builder's configuration", () => {
  it('validates against the JSON schema electron-builder ships', () => {
    expect(problems(config)).toEqual([])
  })

  it("passes electron-builder's own validation, which refuses a misspelled key", async () => {
    const asConfiguration = (value: object) => value as Parameters<typeof validateConfiguration>[0]
    await expect(
      validateConfiguration(asConfiguration(config), new DebugLogger(false)),
    ).resolves.toBeUndefined()
    await expect(
      validateConfiguration(asConfiguration({ ...config, asarUnpak: [] }), new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration object/)
  })

  it('is refused with a misspelled key, at the top level or inside a platform section', () => {
    expect(problems({ ...config, appID: 'app.cairn.desktop' }).length).toBeGreaterThan(0)
    const nsis = { ...(config.nsis as object), perMachin: false }
    expect(problems({ ...config, nsis }).length).toBeGreaterThan(0)
    const electronFuses = { ...(config.electronFuses as object), runAsNod: false }
    expect(problems({ ...config, electronFuses }).length).toBeGreaterThan(0)
  })

  it('builds on a current Electron (the three newest majors get security fixes)', () => {
    const installed = JSON.parse(
      fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
    ) as { version: string }
    expect(Number(installed.version.split('.')[0])).toBeGreaterThanOrEqual(45)
  })

  it('flips the fuses that close Electron’s back doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('builds dmg+zip for both Mac architectures with the hardened runtime, notarizing only with credentials', () => {
    const mac = config.mac as Record<string, unknown>
    expect(mac.hardenedRuntime).toBe(true)
    expect(mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ])
    // electron-builder notarizes when APPLE_* credentials are set and skips otherwise; false would always skip.
    expect(mac.notarize).not.toBe(false)
    for (const key of ['entitlements', 'entitlementsInherit']) {
      const plist = fs.readFileSync(path.join(root, mac[key] as string), 'utf8')
      expect(plist, key).toContain('com.apple.security.cs.allow-jit')
      expect(plist, key).not.toContain('disable-library-validation')
    }
  })

  it('installs per user on Windows with a choice of folder, and as AppImage, deb and rpm on Linux', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    })
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb', 'rpm'])
  })

  it('keeps better-sqlite3 outside the asar and ships the tray icons as resources', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/prebuilds/**')
    expect(config.asarUnpack).not.toContain('node_modules/better-sqlite3/**')
    expect(config.extraResources).toContainEqual({ from: 'resources/tray', to: 'icons/tray' })
  })

  it('has every platform icon generated from resources/icon.svg, each small', () => {
    const icons = [
      (config.mac as { icon: string }).icon,
      (config.win as { icon: string }).icon,
      'resources/icon.png',
      ...['16x16', '32x32', '48x48', '64x64', '128x128', '256x256', '512x512'].map(
        (size) => `resources/icons/${size}.png`,
      ),
      ...['trayTemplate', 'tray-light', 'tray-dark'].flatMap((name) => [
        `resources/tray/${name}.png`,
        `resources/tray/${name}@2x.png`,
      ]),
    ]
    for (const icon of icons) {
      const file = path.join(root, icon)
      expect(fs.existsSync(file), icon).toBe(true)
      expect(fs.statSync(file).size, icon).toBeLessThan(1024 * 1024)
    }
    expect(fs.existsSync(path.join(root, (config.linux as { icon: string }).icon))).toBe(true)
  })

  it('has icons that are current with resources/icon.svg (npm run icons regenerates them)', () => {
    const check = spawnSync(process.execPath, [path.join(root, 'scripts/icons.mjs'), '--check'], {
      encoding: 'utf8',
    })
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
  })
})
