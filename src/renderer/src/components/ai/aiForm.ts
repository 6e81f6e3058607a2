import { AI_PROVIDER_IDS } from '../../../../shared/contract/domains/aiSettings'
import type { AiProcessor, AiProviderId } from '../../../../shared/contract/domains/aiSettings'
import type { SettingAssignment } from '../../../../shared/contract/domains/settings'

export interface AiDraft {
  provider: AiProviderId
  baseUrl: string
  chatModel: string
  visionModel: string
  embeddingModel: string
  dailyTokenBudget: string
  visionIntervalSeconds: string
  activityIntervalMinutes: string
  tipsIntervalMinutes: string
  dailyReportHour: string
  processors: AiProcessor[]
}

const whole = (text: string, min: number, max: number): number | null => {
  const value = Number(text)
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null
}

/** The settings the AI form would save, or its first problem in words (the core checks them again). */
export function aiAssignments(
  draft: AiDraft,
): { ok: true; values: SettingAssignment[] } | { ok: false; problem: string } {
  if (!AI_PROVIDER_IDS.includes(draft.provider)) return { ok: false, problem: 'Choose a provider.' }
  const baseUrl = draft.baseUrl.trim()
  if (baseUrl && !/^https?:\/\/\S+$/.test(baseUrl)) {
    return { ok: false, problem: 'The base URL starts with http:// or https://.' }
  }
  if (draft.provider === 'custom' && !baseUrl)
    return { ok: false, problem: 'A custom provider needs a base URL.' }
  const budget = whole(draft.dailyTokenBudget, 0, 1_000_000_000)
  if (budget === null)
    return { ok: false, problem: 'The daily token budget is a whole number (0 = unlimited).' }
  const vision = whole(draft.visionIntervalSeconds, 15, 3_600)
  if (vision === null) return { ok: false, problem: 'Describe a screenshot every 15 to 3,600 seconds.' }
  const activity = whole(draft.activityIntervalMinutes, 5, 240)
  if (activity === null) return { ok: false, problem: 'Activities summarise 5 to 240 minutes.' }
  const tips = whole(draft.tipsIntervalMinutes, 15, 1_440)
  if (tips === null) return { ok: false, problem: 'Tips come every 15 to 1,440 minutes.' }
  const hour = whole(draft.dailyReportHour, 0, 23)
  if (hour === null) return { ok: false, problem: 'The report hour is 0 to 23.' }
  const models = [draft.chatModel, draft.visionModel, draft.embeddingModel].map((model) => model.trim())
  if (models.some((model) => model.length > 200))
    return { ok: false, problem: 'A model name is at most 200 characters.' }
  return {
    ok: true,
    values: [
      { key: 'ai.provider', value: draft.provider },
      { key: 'ai.baseUrl', value: baseUrl },
      { key: 'ai.chatModel', value: models[0] ?? '' },
      { key: 'ai.visionModel', value: models[1] ?? '' },
      { key: 'ai.embeddingModel', value: models[2] ?? '' },
      { key: 'ai.dailyTokenBudget', value: budget },
      { key: 'ai.visionIntervalSeconds', value: vision },
      { key: 'ai.activityIntervalMinutes', value: activity },
      { key: 'ai.tipsIntervalMinutes', value: tips },
      { key: 'ai.dailyReportHour', value: hour },
      { key: 'ai.processors', value: draft.processors },
    ],
  }
}
