import type { SettingKey, SettingValue } from '../../shared/contract/domains/settings'
import { SETTINGS, SETTING_KEYS } from '../../shared/contract/domains/settings'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { ServiceContext } from './context'
import { writeTransaction } from './sql'

interface SettingRow {
  value: string
  updated_at: number
}

type SettingEntry = MethodResult<'settings.get'>

/** Typed settings in the `settings` table; an unset key reads as its default. */
export class SettingsService {
  private readonly statements
  private readonly listeners = new Set<(key: SettingKey) => void>()

  constructor(private readonly ctx: ServiceContext) {
    const { db } = ctx
    this.statements = {
      get: db.prepare<[string], SettingRow>('SELECT value, updated_at FROM settings WHERE key = ?'),
      set: db.prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ),
    }
  }

  /** The current value, falling back to the default when the stored one no longer passes validation. */
  value<K extends SettingKey>(key: K): SettingValue<K> {
    return this.entry(key).value as SettingValue<K>
  }

  private entry(key: SettingKey): SettingEntry {
    const definition = SETTINGS[key]
    const row = this.statements.get.get(key)
    if (row) {
      const parsed = definition.schema.safeParse(JSON.parse(row.value))
      if (parsed.success) return { key, value: parsed.data, isDefault: false, updatedAt: row.updated_at }
    }
    return { key, value: definition.defaultValue, isDefault: true, updatedAt: null }
  }

  get(input: MethodInput<'settings.get'>): MethodResult<'settings.get'> {
    return this.entry(input.key)
  }

  list(): MethodResult<'settings.list'> {
    return { items: SETTING_KEYS.map((key) => this.entry(key)) }
  }

  set(input: MethodInput<'settings.set'>): MethodResult<'settings.set'> {
    const entry = this.record(input.key, input.value as SettingValue<typeof input.key>)
    // Only a change from outside: what the core records itself (consent time, upgrade path) it already knows.
    for (const listener of this.listeners) listener(input.key)
    return entry
  }

  /**
   * Stores a value the core itself decides, including settings no client may set (capture.consentedAt);
   * the value must already satisfy the setting's schema.
   */
  record<K extends SettingKey>(key: K, value: SettingValue<K>): SettingEntry {
    writeTransaction(this.ctx.db, () =>
      this.statements.set.run(key, JSON.stringify(value), this.ctx.clock.now()),
    )
    this.ctx.emit('settings.changed', { key, value })
    return this.entry(key)
  }

  /** Whether the key was ever stored (a default that was never written reads as false). */
  isStored(key: SettingKey): boolean {
    return this.statements.get.get(key) !== undefined
  }

  /** Tells another service of the core (capture) at once when a setting is set through the contract. */
  onChange(listener: (key: SettingKey) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
