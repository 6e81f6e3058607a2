import { describe, expect, it } from 'vitest'
import { SETTING_KEYS } from '../../src/shared/contract/domains/settings'
import { fingerprint, openTestCore } from '../support/core'

describe('settings', () => {
  it('reads a default until a value is set, then keeps it across restarts', () => {
    const t = openTestCore()
    expect(t.call('settings.get', { key: 'monitoring.retentionDays' })).toEqual({
      key: 'monitoring.retentionDays',
      value: 7,
      isDefault: true,
      updatedAt: null,
    })
    expect(t.call('settings.list', {}).items.map((item) => item.key)).toEqual(SETTING_KEYS)
    t.clock.advance(5)
    const set = t.call('settings.set', { key: 'ui.theme', value: 'dark' })
    expect(set).toEqual({ key: 'ui.theme', value: 'dark', isDefault: false, updatedAt: t.clock.now() })
    expect(t.eventsNamed('settings.changed')).toEqual([{ key: 'ui.theme', value: 'dark' }])
    t.close()
    const again = openTestCore({ dataDir: t.dataDir, clock: t.clock })
    expect(again.call('settings.get', { key: 'ui.theme' })).toEqual(set)
  })

  it('refuses an invalid value and keeps the old one', () => {
    const t = openTestCore()
    t.call('settings.set', { key: 'monitoring.retentionDays', value: 30 })
    const before = fingerprint(t.core.databasePath)
    for (const value of [0, 366, 2.5, '30', null]) {
      const error = t.fail('settings.set', { key: 'monitoring.retentionDays', value })
      expect(error.code, JSON.stringify(value)).toBe('INVALID_INPUT')
      expect(error.issues?.[0]?.path).toEqual(['value'])
    }
    expect(t.fail('settings.set', { key: 'ui.theme', value: 'neon' }).code).toBe('INVALID_INPUT')
    expect(t.call('settings.get', { key: 'monitoring.retentionDays' }).value).toBe(30)
    expect(t.call('settings.get', { key: 'ui.theme' }).isDefault).toBe(true)
    expect(fingerprint(t.core.databasePath)).toBe(before)
    expect(t.eventsNamed('settings.changed')).toHaveLength(1)
  })
})
