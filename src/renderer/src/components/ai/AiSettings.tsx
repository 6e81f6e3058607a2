import '../../styles/ai.css'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  AI_PROCESSORS,
  AI_PROVIDER_IDS,
  AI_PROVIDER_PRESETS,
} from '../../../../shared/contract/domains/aiSettings'
import type { AiProcessor, AiProviderId } from '../../../../shared/contract/domains/aiSettings'
import type { MethodResult } from '../../../../shared/contract/methods'
import { useCall, useCallMutation } from '../../api/queries'
import { errorText } from '../../lib/errors'
import { useSettingsForm } from '../../hooks/useSettingsForm'
import { CoreNoteText } from '../CoreNoteText'
import { AiKeyField } from './AiKeyField'
import { PURPOSE_LABELS, aiAssignments } from './aiForm'
import type { AiDraft } from './aiForm'
import { useTranslation } from 'react-i18next'
import { i18next } from '../../i18nCore'

const PROCESSOR_LABELS = {
  vision: 'ai.processorVision',
  activities: 'ai.processorActivities',
  todos: 'ai.processorTodos',
  tips: 'ai.processorTips',
  dailyReport: 'ai.processorDailyReport',
} as const satisfies Record<AiProcessor, string>

/** A provider's name: product names as they are, the two that are not products in the interface's words. */
function providerLabel(id: AiProviderId): string {
  if (id === 'none') return i18next.t('ai.providerNone')
  if (id === 'custom') return i18next.t('ai.providerCustom')
  // Product names stay as they are; "(local)" is said in the interface's words.
  const name = AI_PROVIDER_PRESETS[id].label
  return name.endsWith(' (local)')
    ? i18next.t('ai.providerLocal', { name: name.slice(0, -' (local)'.length) })
    : name
}

/** Off first, then the providers that keep everything on this computer, then the rest. */
const isLocal = (id: AiProviderId): boolean =>
  /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(AI_PROVIDER_PRESETS[id].baseUrl)
const PROVIDER_ORDER: AiProviderId[] = [
  ...AI_PROVIDER_IDS.filter((id) => id === 'none'),
  ...AI_PROVIDER_IDS.filter((id) => isLocal(id)),
  ...AI_PROVIDER_IDS.filter((id) => id !== 'none' && !isLocal(id)),
]

/** Settings → AI: provider, base URL, models, key, test connection, daily token budget and intervals. */
export function AiSettings() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const status = useCall('ai.status', {}, { refetchInterval: 5_000 })
  const test = useCallMutation('ai.testConnection')
  const [tested, setTested] = useState<MethodResult<'ai.testConnection'> | null>(null)
  const { form, draft, checked, saved, save, edit, ...settingsForm } = useSettingsForm<AiDraft>(
    (value) => ({
      provider: (value('ai.provider') as AiProviderId | undefined) ?? 'none',
      baseUrl: String(value('ai.baseUrl') ?? ''),
      chatModel: String(value('ai.chatModel') ?? ''),
      visionModel: String(value('ai.visionModel') ?? ''),
      embeddingModel: String(value('ai.embeddingModel') ?? ''),
      dailyTokenBudget: String(value('ai.dailyTokenBudget') ?? 0),
      visionIntervalSeconds: String(value('ai.visionIntervalSeconds') ?? 60),
      activityIntervalMinutes: String(value('ai.activityIntervalMinutes') ?? 15),
      tipsIntervalMinutes: String(value('ai.tipsIntervalMinutes') ?? 60),
      dailyReportHour: String(value('ai.dailyReportHour') ?? 0),
      processors: (value('ai.processors') as AiProcessor[] | undefined) ?? [...AI_PROCESSORS],
    }),
    aiAssignments,
  )
  const submit = async () => {
    await settingsForm.submit()
    void queryClient.invalidateQueries({ queryKey: ['ai.status'] })
  }
  const preset = form ? AI_PROVIDER_PRESETS[form.provider] : null

  return (
    <section className="card" aria-labelledby="ai-title">
      <h2 id="ai-title">{t('ai.title')}</h2>
      <p className="muted">{t('ai.intro')}</p>
      {form && (
        <form
          className="ai-form"
          aria-label={t('ai.form')}
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <div className="ai-row">
            <label htmlFor="ai-provider">{t('ai.provider')}</label>
            <select
              id="ai-provider"
              value={form.provider}
              onChange={(event) => edit({ provider: event.target.value as AiProviderId })}
            >
              {PROVIDER_ORDER.map((id) => (
                <option
                  key={id}
                  value={id}
                  translate={id === 'openai' || id === 'openrouter' ? 'no' : undefined}
                >
                  {providerLabel(id)}
                </option>
              ))}
            </select>
          </div>
          <label>
            {t('ai.baseUrl')}
            <input
              type="url"
              translate="no"
              value={form.baseUrl}
              maxLength={2000}
              placeholder={preset?.baseUrl || 'http://127.0.0.1:8080/v1'}
              onChange={(event) => edit({ baseUrl: event.target.value })}
            />
          </label>
          <label>
            {t('ai.chatModel')}
            <input
              type="text"
              value={form.chatModel}
              maxLength={200}
              onChange={(event) => edit({ chatModel: event.target.value })}
            />
          </label>
          <label>
            {t('ai.visionModel')}
            <input
              type="text"
              value={form.visionModel}
              maxLength={200}
              onChange={(event) => edit({ visionModel: event.target.value })}
            />
          </label>
          <label>
            {t('ai.embeddingModel')}
            <input
              type="text"
              value={form.embeddingModel}
              maxLength={200}
              onChange={(event) => edit({ embeddingModel: event.target.value })}
            />
          </label>
          <label>
            {t('ai.budget')}
            <input
              type="number"
              min={0}
              value={form.dailyTokenBudget}
              onChange={(event) => edit({ dailyTokenBudget: event.target.value })}
            />
            {t('ai.budgetHint')}
          </label>
          <label>
            {t('ai.vision1')}
            <input
              type="number"
              min={15}
              max={3600}
              value={form.visionIntervalSeconds}
              onChange={(event) => edit({ visionIntervalSeconds: event.target.value })}
            />
            {t('ai.vision2')}
          </label>
          <label>
            {t('ai.activity1')}
            <input
              type="number"
              min={5}
              max={240}
              value={form.activityIntervalMinutes}
              onChange={(event) => edit({ activityIntervalMinutes: event.target.value })}
            />
            {t('ai.activity2')}
            <input
              type="number"
              min={15}
              max={1440}
              value={form.tipsIntervalMinutes}
              onChange={(event) => edit({ tipsIntervalMinutes: event.target.value })}
            />
            {t('ai.activity3')}
          </label>
          <label>
            {t('ai.report1')}
            <input
              type="number"
              min={0}
              max={23}
              value={form.dailyReportHour}
              onChange={(event) => edit({ dailyReportHour: event.target.value })}
            />
            {t('ai.report2')}
          </label>
          <fieldset>
            <legend>{t('ai.background')}</legend>
            {AI_PROCESSORS.map((processor) => (
              <label key={processor}>
                <input
                  type="checkbox"
                  checked={form.processors.includes(processor)}
                  onChange={(event) =>
                    edit({
                      processors: event.target.checked
                        ? AI_PROCESSORS.filter((p) => p === processor || form.processors.includes(p))
                        : form.processors.filter((p) => p !== processor),
                    })
                  }
                />
                {t(PROCESSOR_LABELS[processor])}
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" disabled={!checked?.ok || draft === null || save.isPending}>
              {t('ai.save')}
            </button>
            {checked && !checked.ok && <span className="inline-error">{checked.problem}</span>}
            {saved && draft === null && <span className="muted">{t('common.saved')}</span>}
          </div>
        </form>
      )}
      <AiKeyField status={status.data} />
      {status.data && (
        <ul className="plain-list" aria-label={t('ai.configured')} data-testid="ai-purposes">
          {(['chat', 'vision', 'embedding'] as const).map((purpose) => {
            const state = status.data.purposes[purpose]
            return (
              <li key={purpose}>
                {t('ai.purposeLine', { purpose: t(PURPOSE_LABELS[purpose]) })}
                {state.configured ? (
                  <strong translate="no">{state.model}</strong>
                ) : (
                  <span className="muted">
                    <CoreNoteText said={state.reasonNote} english={state.reason} />
                  </span>
                )}
              </li>
            )
          })}
        </ul>
      )}
      <div className="setting-row">
        <button
          type="button"
          disabled={test.isPending || form === null}
          title={t('ai.testHint')}
          onClick={() => {
            setTested(null)
            // Unsaved edits are tested as typed; the key still goes only where it was entered for.
            const unsaved =
              form && draft !== null ? { provider: form.provider, baseUrl: form.baseUrl.trim() } : {}
            test.mutate(unsaved, { onSuccess: (result) => setTested(result) })
          }}
        >
          {test.isPending ? t('ai.testing') : t('ai.test')}
        </button>
        {tested && (
          <span
            role="status"
            data-testid="ai-test-result"
            className={tested.ok ? 'ai-result-ok' : 'ai-result-failed'}
          >
            <CoreNoteText said={tested.note} english={tested.message} />
          </span>
        )}
        {test.error && (
          <span role="status" className="inline-error">
            {errorText(test.error)}
          </span>
        )}
      </div>
    </section>
  )
}
