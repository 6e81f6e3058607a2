import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError, parseHostArguments } from '../../src/host/cli'
import { defaultDataDir } from '../../src/core/platform/dataDir'

describe('npm run serve arguments', () => {
  it('defaults to any free port and the desktop app’s data folder', () => {
    expect(parseHostArguments([], { HOME: '/home/ada' })).toEqual({
      port: 0,
      dataDir: defaultDataDir({ HOME: '/home/ada' }),
    })
    expect(parseHostArguments(['--data-dir', 'scratch', '--port', '8123'], {})).toEqual({
      port: 8123,
      dataDir: path.resolve('scratch'),
    })
  })

  it('explains what is wrong with bad arguments', () => {
    expect(() => parseHostArguments(['--port', '-1'], {})).toThrow(UsageError)
    expect(() => parseHostArguments(['--port', '70000'], {})).toThrow(/0 to 65535/)
    expect(() => parseHostArguments(['--colour'], {})).toThrow(/Usage: npm run serve/)
  })

  it('uses the same per-user folder as Electron’s userData, or CAIRN_DATA_DIR', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'Cairn'))
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32')).toContain('Cairn')
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Cairn$/)
    expect(defaultDataDir({ CAIRN_DATA_DIR: 'here' }, 'linux')).toBe(path.resolve('here'))
  })
})
