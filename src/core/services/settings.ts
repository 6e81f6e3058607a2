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
    writeTransaction(this.ctx.db, () =>
      this.statements.set.run(input.key, JSON.stringify(input.value), this.ctx.clock.now()),
    )
    this.ctx.emit('settings.changed', { key: input.key, value: input.value })
    for (const listener of this.listeners) listener(input.key)
    return this.entry(input.key)
  }

  /** Tells another service of the core (capture) at once when a setting is set through the contract. */
  onChange(listener: (key: SettingKey) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
