import '../../styles/capture.css'
import { useId } from 'react'
import { CAPTURE_LIMITS } from '../../../../shared/contract/domains/capture'
import type { CheckedForm } from '../../hooks/useSettingsForm'
import { useSettingsForm } from '../../hooks/useSettingsForm'
import { useCall } from '../../api/queries'
import { CaptureDisplays } from './CaptureDisplays'
import { CaptureStorage } from './CaptureStorage'
import { CaptureSwitch } from './CaptureSwitch'
import { CaptureStateLine } from './CaptureStateLine'
import { useTranslation } from 'react-i18next'
import { i18next, locale } from '../../i18nCore'

/** Short weekday names in the interface's language, Sunday first (1 January 2023 was a Sunday). */
const weekdays = (): string[] =>
  Array.from({ length: 7 }, (_unused, day) =>
    new Date(2023, 0, 1 + day).toLocaleDateString(locale(), { weekday: 'short' }),
  )

interface Draft {
  intervalSeconds: string
  start: string
  end: string
  weekdays: number[]
  idleMinutes: string
  excludedApps: string
  excludedTitlePatterns: string
  retentionDays: string
  maxStorageMb: string
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)

const inRange = (text: string, range: { min: number; max: number }): number | null => {
  const value = Number(text)
  return text.trim() !== '' && Number.isInteger(value) && value >= range.min && value <= range.max
    ? value
    : null
}

/** What the form would save, or the first problem with it in words. */
function assignments(draft: Draft): CheckedForm {
  const interval = inRange(draft.intervalSeconds, CAPTURE_LIMITS.intervalSeconds)
  const t = i18next.t
  if (interval === null) return { ok: false, problem: t('capture.problemInterval') }
  const idle = inRange(draft.idleMinutes, CAPTURE_LIMITS.idleMinutes)
  if (idle === null) return { ok: false, problem: t('capture.problemIdle') }
  const retention = inRange(draft.retentionDays, CAPTURE_LIMITS.retentionDays)
  if (retention === null) return { ok: false, problem: t('capture.problemRetention') }
  const storage = inRange(draft.maxStorageMb, CAPTURE_LIMITS.maxStorageMb)
  if (storage === null) return { ok: false, problem: t('capture.problemStorage') }
  if (!/^\d\d:\d\d$/.test(draft.start) || !/^\d\d:\d\d$/.test(draft.end)) {
    return { ok: false, problem: t('capture.problemHours') }
  }
  const apps = lines(draft.excludedApps)
  const titles = lines(draft.excludedTitlePatterns)
  if (apps.length > CAPTURE_LIMITS.exclusions || titles.length > CAPTURE_LIMITS.exclusions) {
    return { ok: false, problem: t('capture.problemCount', { max: CAPTURE_LIMITS.exclusions }) }
  }
  if ([...apps, ...titles].some((entry) => entry.length > CAPTURE_LIMITS.exclusionLength)) {
    return { ok: false, problem: t('capture.problemLength', { max: CAPTURE_LIMITS.exclusionLength }) }
  }
  return {
    ok: true,
    values: [
      { key: 'capture.intervalSeconds', value: interval },
      // An end of 00:00 after a later start means "until midnight".
      {
        key: 'capture.recordingHours',
        value: { start: draft.start, end: draft.end === '00:00' ? '24:00' : draft.end },
      },
      { key: 'capture.weekdays', value: [...draft.weekdays].sort() },
      { key: 'capture.idleMinutes', value: idle },
      { key: 'capture.excludedApps', value: apps },
      { key: 'capture.excludedTitlePatterns', value: titles },
      { key: 'capture.retentionDays', value: retention },
      { key: 'capture.maxStorageMb', value: storage },
    ],
  }
}

/**
 * Settings → Capture: on/off, pause, interval, recording hours and days, privacy exclusions, image retention.
 * The first-run guide shows it under its own on/off switch (`withSwitch` false).
 */
export function CaptureSettings({ withSwitch = true }: { withSwitch?: boolean }) {
  const { value, form, draft, checked, saved, save, edit, submit } = useSettingsForm<Draft>((value) => {
    const hours = value('capture.recordingHours') as { start: string; end: string } | undefined
    return {
      intervalSeconds: String(value('capture.intervalSeconds')),
      start: hours?.start ?? '00:00',
      end: hours?.end === '24:00' ? '00:00' : (hours?.end ?? '00:00'),
      weekdays: (value('capture.weekdays') as number[] | undefined) ?? [],
      idleMinutes: String(value('capture.idleMinutes')),
      excludedApps: ((value('capture.excludedApps') as string[] | undefined) ?? []).join('\n'),
      excludedTitlePatterns: ((value('capture.excludedTitlePatterns') as string[] | undefined) ?? []).join(
        '\n',
      ),
      retentionDays: String(value('capture.retentionDays')),
      maxStorageMb: String(value('capture.maxStorageMb')),
    }
  }, assignments)
  const paused = value('capture.paused') === true
  const { t } = useTranslation()
  const pauseHintId = useId()
  const status = useCall('capture.status', {})
  // Pausing means something only while capture runs; when it is off or unavailable the state line beside
  // says why, and the switch above (or the OS) is what changes it.
  const canPause = status.data?.available === true && status.data.enabled

  return (
    <section className="card" aria-labelledby="capture-title">
      <h2 id="capture-title">{t('capture.title')}</h2>
      {withSwitch && <CaptureSwitch showReason={false} />}
      <div className="setting-row">
        <CaptureStateLine />
        {canPause && (
          <button
            type="button"
            onClick={() => save.mutate({ key: 'capture.paused', value: !paused })}
            disabled={form === null}
          >
            {paused ? t('capture.resumeCapture') : t('capture.pauseCapture')}
          </button>
        )}
      </div>
      <CaptureDisplays />
      <CaptureStorage />
      {form && (
        <form
          className="capture-form"
          aria-label={t('capture.settings')}
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <label>
            {t('capture.every1')}
            <input
              type="number"
              min={CAPTURE_LIMITS.intervalSeconds.min}
              max={CAPTURE_LIMITS.intervalSeconds.max}
              value={form.intervalSeconds}
              onChange={(event) => edit({ intervalSeconds: event.target.value })}
            />
            {t('capture.every2')}
          </label>
          <fieldset>
            <legend>{t('capture.hours')}</legend>
            <label>
              {t('capture.from')}
              <input
                type="time"
                value={form.start}
                onChange={(event) => edit({ start: event.target.value })}
              />
            </label>
            <label>
              {t('capture.to')}
              <input type="time" value={form.end} onChange={(event) => edit({ end: event.target.value })} />
            </label>
            <span className="muted">{t('capture.hoursHint')}</span>
          </fieldset>
          <fieldset>
            <legend>{t('capture.days')}</legend>
            {weekdays().map((name, day) => (
              <label key={name} className="check">
                <input
                  type="checkbox"
                  checked={form.weekdays.includes(day)}
                  onChange={(event) =>
                    edit({
                      weekdays: event.target.checked
                        ? [...form.weekdays, day]
                        : form.weekdays.filter((other) => other !== day),
                    })
                  }
                />
                <span data-intl>{name}</span>
              </label>
            ))}
          </fieldset>
          <div>
            <label>
              {t('capture.pause1')}
              <input
                type="number"
                min={CAPTURE_LIMITS.idleMinutes.min}
                max={CAPTURE_LIMITS.idleMinutes.max}
                value={form.idleMinutes}
                aria-describedby={pauseHintId}
                onChange={(event) => edit({ idleMinutes: event.target.value })}
              />
              {t('capture.pause2')}
            </label>
            <p id={pauseHintId} className="muted">
              {t('capture.pauseHint')}
            </p>
          </div>
          <label className="stacked">
            {t('capture.excludedApps')}
            <textarea
              translate="no"
              rows={4}
              value={form.excludedApps}
              onChange={(event) => edit({ excludedApps: event.target.value })}
            />
          </label>
          <label className="stacked">
            {t('capture.excludedTitles')}
            <textarea
              translate="no"
              rows={4}
              value={form.excludedTitlePatterns}
              onChange={(event) => edit({ excludedTitlePatterns: event.target.value })}
            />
          </label>
          <label>
            {t('capture.keep1')}
            <input
              type="number"
              min={CAPTURE_LIMITS.retentionDays.min}
              max={CAPTURE_LIMITS.retentionDays.max}
              value={form.retentionDays}
              onChange={(event) => edit({ retentionDays: event.target.value })}
            />
            {t('capture.keep2')}
            <input
              type="number"
              min={CAPTURE_LIMITS.maxStorageMb.min}
              max={CAPTURE_LIMITS.maxStorageMb.max}
              value={form.maxStorageMb}
              onChange={(event) => edit({ maxStorageMb: event.target.value })}
            />
            {t('capture.keep3')}
          </label>
          <div className="form-actions">
            <button type="submit" disabled={draft === null || !checked?.ok || save.isPending}>
              {t('capture.save')}
            </button>
            {checked && !checked.ok && draft !== null && (
              <span className="inline-error">{checked.problem}</span>
            )}
            {saved && <span className="muted">{t('common.saved')}</span>}
          </div>
        </form>
      )}
    </section>
  )
}
