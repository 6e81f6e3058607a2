import '../../styles/firstRun.css'
import { useEffect, useRef, useState } from 'react'
import { useCall, useCallMutation } from '../../api/queries'
import { AiSettings } from '../ai/AiSettings'
import { CaptureSettings } from '../capture/CaptureSettings'
import { CaptureSwitch } from '../capture/CaptureSwitch'
import { ShortcutSetting } from '../DesktopSettings'

const STEPS = ['Welcome', 'Capture and privacy', 'AI (optional)', 'Quick capture'] as const

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

function Welcome() {
  return (
    <>
      <p>
        Cairn keeps the context of your work — notes, todos, screenshots and what AI makes of them — in one
        SQLite file on this computer, which you own.
      </p>
      <p>
        The next steps show what screen capture records and where, let you turn it on (it is off until you
        do), optionally connect an AI provider, and set the quick-capture shortcut. You can skip this and open
        it again from Settings.
      </p>
    </>
  )
}

function CaptureStep() {
  const health = useCall('system.health', {})
  const settings = useCall('settings.list', {})
  const value = (key: string): unknown => settings.data?.items.find((item) => item.key === key)?.value
  const apps = listOf(value('capture.excludedApps'))
  const titles = listOf(value('capture.excludedTitlePatterns'))
  return (
    <>
      <dl className="facts first-run-facts">
        <div>
          <dt>What is recorded</dt>
          <dd>
            A screenshot of each screen every {String(value('capture.intervalSeconds') ?? '…')} seconds, with
            the titles of the windows on it. Unchanged screens are not stored twice; capture pauses when the
            screen is locked, the computer sleeps or you are away.
          </dd>
        </div>
        <div>
          <dt>Where it is kept</dt>
          <dd>
            Only on this computer, in{' '}
            <span className="mono" data-testid="first-run-data-dir">
              {health.data?.dataDir ?? '…'}
            </span>
            . Screenshots are deleted after {String(value('capture.retentionDays') ?? '…')} days. Nothing is
            sent anywhere unless you connect an AI provider in the next step.
          </dd>
        </div>
        <div>
          <dt>Never stored</dt>
          <dd>
            Any screen showing a window of these apps: {apps.length > 0 ? apps.join(', ') : 'none'}. Any
            window whose title matches: {titles.length > 0 ? titles.join(', ') : 'none'}.
          </dd>
        </div>
      </dl>
      <CaptureSwitch />
      <details className="first-run-more">
        <summary>Change the interval, exclusions and how long screenshots are kept</summary>
        <CaptureSettings withSwitch={false} />
      </details>
    </>
  )
}

function AiStep() {
  return (
    <>
      <p>
        AI is optional: without it, capture, notes, todos and search all work. A local provider (Ollama or LM
        Studio, listed first) keeps everything on this computer; a remote one receives what you send it.
      </p>
      <AiSettings />
    </>
  )
}

function ShortcutStep() {
  const inBrowser = typeof window !== 'undefined' && window.cairn === undefined
  return (
    <>
      <p>
        Press the shortcut anywhere to jot a note into Cairn without leaving what you are doing.
        {inBrowser && ' It works in the desktop app; this browser view only sets it.'}
      </p>
      <ShortcutSetting />
    </>
  )
}

/**
 * The first-run guide, a modal dialog over the app: welcome, capture and privacy, AI, quick capture. Closing it
 * at any step (Skip, Escape, Finish) marks it done; Settings opens it again.
 */
export function FirstRun({ onClose }: { onClose: () => void }) {
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
        <h1 id="first-run-title">Set up Cairn</h1>
        <ol className="first-run-steps" aria-label="Steps">
          {STEPS.map((name, index) => (
            <li key={name} aria-current={index === step ? 'step' : undefined}>
              {name}
            </li>
          ))}
        </ol>
      </header>
      <section className="first-run-body" aria-labelledby="first-run-step">
        <h2 id="first-run-step" ref={heading} tabIndex={-1}>
          {STEPS[step]}
        </h2>
        {step === 0 && <Welcome />}
        {step === 1 && <CaptureStep />}
        {step === 2 && <AiStep />}
        {step === 3 && <ShortcutStep />}
      </section>
      <footer className="first-run-actions">
        <button type="button" className="link-button" onClick={close} disabled={done.isPending}>
          Skip setup
        </button>
        <span className="spacer" />
        {step > 0 && (
          <button type="button" onClick={() => setStep(step - 1)}>
            Back
          </button>
        )}
        {last ? (
          <button type="button" className="primary" onClick={close} disabled={done.isPending}>
            Finish
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => setStep(step + 1)}>
            Next
          </button>
        )}
      </footer>
    </dialog>
  )
}
