import { z } from 'zod'
import { englishOf, note } from '../../coreNotes'
import type { CoreNote } from '../../coreNotes'
import { settingAssignmentOf } from '../common'

/**
 * Where each supported provider serves its OpenAI-compatible API. Shared so Settings can prefill the base URL;
 * `none` means AI is off, `custom` takes the person's own URL.
 */
export const AI_PROVIDER_PRESETS = {
  none: { label: 'None (AI off)', baseUrl: '', needsKey: false },
  openai: { label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', needsKey: true },
  ollama: { label: 'Ollama (local)', baseUrl: 'http://127.0.0.1:11434/v1', needsKey: false },
  lmstudio: { label: 'LM Studio (local)', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false },
  openrouter: { label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', needsKey: true },
  custom: { label: 'Custom OpenAI-compatible server', baseUrl: '', needsKey: false },
} as const
export type AiProviderId = keyof typeof AI_PROVIDER_PRESETS
export const AI_PROVIDER_IDS = Object.keys(AI_PROVIDER_PRESETS) as [AiProviderId, ...AiProviderId[]]

/** The background processors that can be turned off one by one. */
export const AI_PROCESSORS = ['vision', 'activities', 'todos', 'tips', 'dailyReport'] as const
export type AiProcessor = (typeof AI_PROCESSORS)[number]

const modelName = z.string().trim().max(200)

/** This computer: localhost, 127.0.0.0/8 and ::1 (the URL parser has already normalised the host). */
export function isLoopbackHostname(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){2}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/.test(hostname)
  )
}

/** Why a base URL may not carry an API key or prompts, or null when it may: plain http only to this computer. */
export function baseUrlNote(value: string): CoreNote | null {
  if (value === '') return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return note('aiBaseUrlInvalid')
  }
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:') {
    return isLoopbackHostname(url.hostname) ? null : note('aiBaseUrlPlainHttp')
  }
  return note('aiBaseUrlScheme')
}

/** The same in English: the settings' validation message. */
export function baseUrlProblem(value: string): string | null {
  const said = baseUrlNote(value)
  return said === null ? null : englishOf(said)
}

const baseUrl = z
  .string()
  .trim()
  .max(2_000)
  .regex(/^(https?:\/\/\S+)?$/, 'The base URL starts with http:// or https:// (empty uses the preset).')
  .superRefine((value, ctx) => {
    const problem = baseUrlProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

/**
 * AI settings, spread into SETTINGS. The API key is never a setting: it lives in the secret store
 * (ai.setApiKey). The daily token budget counts the current UTC day, because monitoring buckets are UTC hours.
 */
export const AI_SETTINGS = {
  'ai.provider': {
    description: 'Which OpenAI-compatible provider runs the AI; none turns AI off.',
    schema: z.enum(AI_PROVIDER_IDS),
    defaultValue: 'none',
  },
  'ai.baseUrl': {
    description: 'Base URL of the provider’s API; empty uses the preset’s.',
    schema: baseUrl,
    defaultValue: '',
  },
  'ai.chatModel': {
    description: 'Model for chat, summaries, todos, tips and daily reports; empty turns those off.',
    schema: modelName,
    defaultValue: '',
  },
  'ai.visionModel': {
    description: 'Model that describes captured screenshots; empty turns that off.',
    schema: modelName,
    defaultValue: '',
  },
  'ai.embeddingModel': {
    description: 'Model for embeddings (semantic search); empty turns that off.',
    schema: modelName,
    defaultValue: '',
  },
  'ai.dailyTokenBudget': {
    description:
      'Most tokens AI work may use per UTC day; 0 means unlimited. Work pauses when it is reached.',
    schema: z.number().int().min(0).max(1_000_000_000),
    defaultValue: 0,
  },
  'ai.visionIntervalSeconds': {
    description:
      'Describe at most one screenshot per display in each period of this many seconds; the others keep only their app and window title.',
    schema: z.number().int().min(15).max(3_600),
    defaultValue: 60,
  },
  'ai.activityIntervalMinutes': {
    description: 'Minutes of captured context summarised into one activity.',
    schema: z.number().int().min(5).max(240),
    defaultValue: 15,
  },
  'ai.tipsIntervalMinutes': {
    description: 'Minutes between two rounds of tips.',
    schema: z.number().int().min(15).max(1_440),
    defaultValue: 60,
  },
  'ai.dailyReportHour': {
    description: 'Local hour after midnight at which the previous day’s report is written.',
    schema: z.number().int().min(0).max(23),
    defaultValue: 0,
  },
  'ai.processors': {
    description: 'Which background AI processors run.',
    schema: z.array(z.enum(AI_PROCESSORS)).max(AI_PROCESSORS.length),
    defaultValue: [...AI_PROCESSORS] as AiProcessor[],
  },
} as const

/** The settings.set variants of the AI settings, spread into settingAssignment. */
export const AI_SETTING_ASSIGNMENTS = [
  settingAssignmentOf(AI_SETTINGS, 'ai.provider'),
  settingAssignmentOf(AI_SETTINGS, 'ai.baseUrl'),
  settingAssignmentOf(AI_SETTINGS, 'ai.chatModel'),
  settingAssignmentOf(AI_SETTINGS, 'ai.visionModel'),
  settingAssignmentOf(AI_SETTINGS, 'ai.embeddingModel'),
  settingAssignmentOf(AI_SETTINGS, 'ai.dailyTokenBudget'),
  settingAssignmentOf(AI_SETTINGS, 'ai.visionIntervalSeconds'),
  settingAssignmentOf(AI_SETTINGS, 'ai.activityIntervalMinutes'),
  settingAssignmentOf(AI_SETTINGS, 'ai.tipsIntervalMinutes'),
  settingAssignmentOf(AI_SETTINGS, 'ai.dailyReportHour'),
  settingAssignmentOf(AI_SETTINGS, 'ai.processors'),
] as const
