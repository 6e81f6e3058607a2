import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { accelerator, DEFAULT_QUICK_CAPTURE_SHORTCUT } from '../../../shared/contract/domains/settings'
import { callKey, useCall, useCallMutation } from '../api/queries'
import { errorText } from '../lib/errors'
import { useTranslation } from 'react-i18next'

type DesktopToggle =
  | 'desktop.launchAtLogin'
  | 'desktop.hideToTrayOnClose'
  | 'desktop.notifyAi'
  | 'desktop.autoUpdate'
  | 'desktop.spellcheck'

const TOGGLES = [
  {
    key: 'desktop.launchAtLogin',
    label: 'settings.launchAtLogin',
    hint: 'settings.launchAtLoginHint',
  },
  {
    key: 'desktop.hideToTrayOnClose',
    label: 'settings.hideToTray',
    hint: 'settings.hideToTrayHint',
  },
  {
    key: 'desktop.notifyAi',
    label: 'settings.notifyAi',
    hint: 'settings.notifyAiHint',
  },
  {
    key: 'desktop.autoUpdate',
    label: 'settings.autoUpdate',
    hint: 'settings.autoUpdateHint',
  },
  {
    key: 'desktop.spellcheck',
    label: 'settings.spellcheck',
    hint: 'settings.spellcheckHint',
  },
] as const satisfies { key: DesktopToggle; label: string; hint: string }[]

function Toggle({ setting }: { setting: (typeof TOGGLES)[number] }) {
  const { t } = useTranslation()
  const current = useCall('settings.get', { key: setting.key })
  const queryClient = useQueryClient()
  // The box shows the new state in the same render as the click (a mutation's pending state arrives a tick
  // later, and a controlled box would spring back meanwhile); the saved entry then replaces the cached one.
  const [shown, setShown] = useState<boolean | null>(null)
  const save = useCallMutation('settings.set', {
    onSuccess: (entry) => queryClient.setQueryData(callKey('settings.get', { key: setting.key }), entry),
  })
  const checked = shown ?? current.data?.value === true
  return (
    <div className="desktop-toggle">
      <label>
        <input
          type="checkbox"
          checked={checked}
          disabled={current.data === undefined}
          onChange={(event) => {
            setShown(event.target.checked)
            save.mutate(
              { key: setting.key, value: event.target.checked },
              { onSettled: () => setShown(null) },
            )
          }}
        />
        {t(setting.label)}
      </label>
      <span className="hint">{t(setting.hint)}</span>
      {save.error && <span className="inline-error">{errorText(save.error)}</span>}
    </div>
  )
}

/** The quick-capture shortcut field; also in the first-run guide. */
export function ShortcutSetting() {
  const { t } = useTranslation()
  const current = useCall('settings.get', { key: 'desktop.quickCaptureShortcut' })
  const save = useCallMutation('settings.set')
  const [draft, setDraft] = useState<string | null>(null)
  const saved = typeof current.data?.value === 'string' ? current.data.value : ''
  const value = draft ?? saved
  const problem = accelerator.safeParse(value).success ? null : t('settings.shortcutProblem')
  const submit = (shortcut: string) =>
    save.mutate({ key: 'desktop.quickCaptureShortcut', value: shortcut }, { onSuccess: () => setDraft(null) })
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (problem === null) submit(value.trim())
      }}
    >
      <label>
        {t('settings.shortcut')}
        <input
          className="mono shortcut-input"
          value={value}
          placeholder={t('settings.shortcutOff')}
          aria-invalid={problem !== null}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <button type="submit" disabled={problem !== null || draft === null || save.isPending}>
        {t('common.save')}
      </button>
      <button
        type="button"
        disabled={saved === DEFAULT_QUICK_CAPTURE_SHORTCUT || save.isPending}
        onClick={() => submit(DEFAULT_QUICK_CAPTURE_SHORTCUT)}
      >
        {t('common.default')}
      </button>
      {problem !== null && <span className="inline-error">{problem}</span>}
      {save.error && <span className="inline-error">{errorText(save.error)}</span>}
      <span className="hint">{t('settings.shortcutHint')}</span>
    </form>
  )
}

/** Open logs folder and Copy diagnostics: only the desktop app has a log file and the system's clipboard. */
function SupportActions() {
  const { t } = useTranslation()
  const desktop = typeof window === 'undefined' ? undefined : window.cairn?.desktop
  const [said, setSaid] = useState<string | null>(null)
  if (!desktop) return null
  const run = (action: 'openLogsFolder' | 'copyDiagnostics', done: string, failed: string) => {
    setSaid(null)
    desktop(action).then(
      (ok) => setSaid(ok ? done : failed),
      () => setSaid(failed),
    )
  }
  return (
    <div className="inline-form">
      <button type="button" onClick={() => run('openLogsFolder', '', t('settings.logsFailed'))}>
        {t('settings.openLogs')}
      </button>
      <button
        type="button"
        onClick={() =>
          run('copyDiagnostics', t('settings.diagnosticsCopied'), t('settings.diagnosticsFailed'))
        }
      >
        {t('settings.copyDiagnostics')}
      </button>
      {said ? (
        <span className="hint" role="status">
          {said}
        </span>
      ) : null}
    </div>
  )
}

/** What the desktop app does around its window: login item, tray, notifications, shortcut, updates. */
export function DesktopSettings() {
  const { t } = useTranslation()
  const inBrowser = typeof window !== 'undefined' && window.cairn === undefined
  return (
    <section className="card" aria-labelledby="desktop-settings-title">
      <h2 id="desktop-settings-title">{t('settings.desktop')}</h2>
      {inBrowser && <p className="hint">{t('settings.desktopBrowser')}</p>}
      {TOGGLES.map((setting) => (
        <Toggle key={setting.key} setting={setting} />
      ))}
      <ShortcutSetting />
      <SupportActions />
    </section>
  )
}
