import { AI_PROVIDER_IDS } from '../../../../shared/contract/domains/aiSettings'
import type { AiProcessor, AiProviderId } from '../../../../shared/contract/domains/aiSettings'
import type { SettingAssignment } from '../../../../shared/contract/domains/settings'
import { i18next } from '../../i18nCore'

/** Catalogue keys of what each model is for. */
export const PURPOSE_LABELS = {
  chat: 'ai.purposeChat',
  vision: 'ai.purposeVision',
  embedding: 'ai.purposeEmbedding',
} as const

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
  const t = i18next.t
  if (!AI_PROVIDER_IDS.includes(draft.provider)) return { ok: false, problem: t('ai.problemProvider') }
  const baseUrl = draft.baseUrl.trim()
  if (baseUrl && !/^https?:\/\/\S+$/.test(baseUrl)) {
    return { ok: false, problem: t('ai.problemUrl') }
  }
  if (draft.provider === 'custom' && !baseUrl) return { ok: false, problem: t('ai.problemCustom') }
  const budget = whole(draft.dailyTokenBudget, 0, 1_000_000_000)
  if (budget === null) return { ok: false, problem: t('ai.problemBudget') }
  const vision = whole(draft.visionIntervalSeconds, 15, 3_600)
  if (vision === null) return { ok: false, problem: t('ai.problemVision') }
  const activity = whole(draft.activityIntervalMinutes, 5, 240)
  if (activity === null) return { ok: false, problem: t('ai.problemActivity') }
  const tips = whole(draft.tipsIntervalMinutes, 15, 1_440)
  if (tips === null) return { ok: false, problem: t('ai.problemTips') }
  const hour = whole(draft.dailyReportHour, 0, 23)
  if (hour === null) return { ok: false, problem: t('ai.problemHour') }
  const models = [draft.chatModel, draft.visionModel, draft.embeddingModel].map((model) => model.trim())
  if (models.some((model) => model.length > 200)) return { ok: false, problem: t('ai.problemModel') }
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
