import '../../styles/firstRun.css'
import { useEffect, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { useCall, useCallMutation } from '../../api/queries'
import { AiSettings } from '../ai/AiSettings'
import { CaptureSettings } from '../capture/CaptureSettings'
import { CaptureSwitch } from '../capture/CaptureSwitch'
import { ShortcutSetting } from '../DesktopSettings'
import { locale } from '../../i18nCore'

const STEPS = [
  'firstRun.stepWelcome',
  'firstRun.stepCapture',
  'firstRun.stepAi',
  'firstRun.stepShortcut',
] as const

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/** "a, b or c" in the interface's language: any of these is excluded. */
const anyOf = (items: string[]): string =>
  new Intl.ListFormat(locale(), { type: 'disjunction' }).format(items)

function Welcome() {
  const { t } = useTranslation()
  return (
    <>
      <p>{t('firstRun.welcome1')}</p>
      <p>{t('firstRun.welcome2')}</p>
    </>
  )
}

function CaptureStep() {
  const { t } = useTranslation()
  const health = useCall('system.health', {})
  const settings = useCall('settings.list', {})
  const value = (key: string): unknown => settings.data?.items.find((item) => item.key === key)?.value
  const apps = listOf(value('capture.excludedApps'))
  const titles = listOf(value('capture.excludedTitlePatterns'))
  return (
    <>
      <dl className="facts first-run-facts">
        <div>
          <dt>{t('firstRun.recorded')}</dt>
          <dd>{t('firstRun.recordedText', { seconds: String(value('capture.intervalSeconds') ?? '…') })}</dd>
        </div>
        <div>
          <dt>{t('firstRun.kept')}</dt>
          <dd>
            <Trans
              i18nKey="firstRun.keptText"
              values={{
                dir: health.data?.dataDir ?? '…',
                days: String(value('capture.retentionDays') ?? '…'),
              }}
              components={{
                dir: <span className="mono" translate="no" data-testid="first-run-data-dir" />,
              }}
            />
          </dd>
        </div>
        <div>
          <dt>{t('firstRun.never')}</dt>
          <dd>
            {t('firstRun.neverText', {
              apps: apps.length > 0 ? anyOf(apps) : t('firstRun.none'),
              titles: titles.length > 0 ? anyOf(titles) : t('firstRun.none'),
            })}
          </dd>
        </div>
      </dl>
      <CaptureSwitch />
      <details className="first-run-more">
        <summary>{t('firstRun.more')}</summary>
        <CaptureSettings withSwitch={false} />
      </details>
    </>
  )
}

function AiStep() {
  const { t } = useTranslation()
  return (
    <>
      <p>{t('firstRun.aiText')}</p>
      <AiSettings />
    </>
  )
}

function ShortcutStep() {
  const { t } = useTranslation()
  const inBrowser = typeof window !== 'undefined' && window.cairn === undefined
  return (
    <>
      <p>{t(inBrowser ? 'firstRun.shortcutTextBrowser' : 'firstRun.shortcutText')}</p>
      <ShortcutSetting />
    </>
  )
}

/**
 * The first-run guide, a modal dialog over the app: welcome, capture and privacy, AI, quick capture. Closing it
 * at any step (Skip, Escape, Finish) marks it done; Settings opens it again.
 */
export function FirstRun({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const dialog = useRef<HTMLDialogElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const [step, setStep] = useState(0)
  const done = useCallMutation('settings.set')

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])
  // Each step moves focus to its heading, so a screen reader reads the new step and Tab starts there.
  useEffect(() => heading.current?.focus(), [step])

  const close = () => done.mutate({ key: 'ui.firstRunDone', value: true }, { onSettled: onClose })
  const last = step === STEPS.length - 1

  return (
    <dialog
      ref={dialog}
      className="first-run"
      aria-labelledby="first-run-title"
      onCancel={(event) => {
        event.preventDefault()
        close()
      }}
    >
      <header className="first-run-header">
        <h1 id="first-run-title">{t('firstRun.title')}</h1>
        <ol className="first-run-steps" aria-label={t('firstRun.steps')}>
          {STEPS.map((name, index) => (
            <li key={name} aria-current={index === step ? 'step' : undefined}>
              {t(name)}
            </li>
          ))}
        </ol>
      </header>
      <section className="first-run-body" aria-labelledby="first-run-step">
        <h2 id="first-run-step" ref={heading} tabIndex={-1}>
          {t(STEPS[step] ?? STEPS[0])}
        </h2>
        {step === 0 && <Welcome />}
        {step === 1 && <CaptureStep />}
        {step === 2 && <AiStep />}
        {step === 3 && <ShortcutStep />}
      </section>
      <footer className="first-run-actions">
        <button type="button" className="link-button" onClick={close} disabled={done.isPending}>
          {t('firstRun.skip')}
        </button>
        <span className="spacer" />
        {step > 0 && (
          <button type="button" onClick={() => setStep(step - 1)}>
            {t('firstRun.back')}
          </button>
        )}
        {last ? (
          <button type="button" className="primary" onClick={close} disabled={done.isPending}>
            {t('firstRun.finish')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => setStep(step + 1)}>
            {t('firstRun.next')}
          </button>
        )}
      </footer>
    </dialog>
  )
}
