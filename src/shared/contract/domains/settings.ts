import { z } from 'zod'
import { epochMs } from '../common'

export const THEMES = ['system', 'light', 'dark'] as const

/** Every setting, its validation and its default. Adding one here is all it takes to expose it. */
export const SETTINGS = {
  'monitoring.retentionDays': {
    description: 'Days of monitoring buckets to keep; older ones are pruned hourly.',
    schema: z.number().int().min(1).max(365),
    defaultValue: 7,
  },
  'backups.keepDaily': {
    description: 'How many daily backups to keep (the newest of each day).',
    schema: z.number().int().min(1).max(365),
    defaultValue: 7,
  },
  'backups.keepWeekly': {
    description: 'How many weekly backups to keep (the newest of each week), beside the daily ones.',
    schema: z.number().int().min(0).max(520),
    defaultValue: 4,
  },
  'ui.theme': {
    description: 'Colour theme; system follows the operating system.',
    schema: z.enum(THEMES),
    defaultValue: 'system',
  },
} as const

export type SettingKey = keyof typeof SETTINGS
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[]
export const settingKey = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]])

const settingEntry = z.object({
  key: settingKey,
  value: z.json(),
  isDefault: z.boolean(),
  updatedAt: epochMs.nullable(),
})

const settingAssignment = z.discriminatedUnion('key', [
  z.strictObject({
    key: z.literal('monitoring.retentionDays'),
    value: SETTINGS['monitoring.retentionDays'].schema,
  }),
  z.strictObject({ key: z.literal('backups.keepDaily'), value: SETTINGS['backups.keepDaily'].schema }),
  z.strictObject({ key: z.literal('backups.keepWeekly'), value: SETTINGS['backups.keepWeekly'].schema }),
  z.strictObject({ key: z.literal('ui.theme'), value: SETTINGS['ui.theme'].schema }),
])
export type SettingAssignment = z.infer<typeof settingAssignment>

export const settingsMethods = {
  'settings.get': {
    description: 'One setting with its current value (the default when never set).',
    input: z.strictObject({ key: settingKey }),
    output: settingEntry,
  },
  'settings.list': {
    description: 'Every setting with its current value.',
    input: z.strictObject({}),
    output: z.object({ items: z.array(settingEntry) }),
  },
  'settings.set': {
    description: 'Change a setting; the value is checked against that setting’s rules.',
    input: settingAssignment,
    output: settingEntry,
  },
} as const
