import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { accelerator, DEFAULT_QUICK_CAPTURE_SHORTCUT } from '../../../shared/contract/domains/settings'
import { callKey, useCall, useCallMutation } from '../api/queries'
import { errorText } from '../lib/errors'

type DesktopToggle =
  | 'desktop.launchAtLogin'
  | 'desktop.hideToTrayOnClose'
  | 'desktop.notifyAi'
  | 'desktop.autoUpdate'
  | 'desktop.spellcheck'

const TOGGLES: { key: DesktopToggle; label: string; hint: string }[] = [
  {
    key: 'desktop.launchAtLogin',
    label: 'Start Cairn when I log in',
    hint: 'Starts hidden in the tray (macOS and Windows; on Linux use your desktop’s autostart).',
  },
  {
    key: 'desktop.hideToTrayOnClose',
    label: 'Closing the window keeps Cairn in the tray',
    hint: 'Capture and AI work go on; Quit is in the tray menu.',
  },
  {
    key: 'desktop.notifyAi',
    label: 'Notify me of new AI tips and daily reports',
    hint: 'A desktop notification; clicking it opens the tip or the report.',
  },
  {
    key: 'desktop.autoUpdate',
    label: 'Download updates in the background',
    hint: 'Installed copies only; an update is applied when Cairn restarts.',
  },
]

function Toggle({ setting }: { setting: (typeof TOGGLES)[number] }) {
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
        {setting.label}
      </label>
      <span className="hint">{setting.hint}</span>
      {save.error && <span className="inline-error">{errorText(save.error)}</span>}
    </div>
  )
}

/** The quick-capture shortcut field; also in the first-run guide. */
export function ShortcutSetting() {
  const current = useCall('settings.get', { key: 'desktop.quickCaptureShortcut' })
  const save = useCallMutation('settings.set')
  const [draft, setDraft] = useState<string | null>(null)
  const saved = typeof current.data?.value === 'string' ? current.data.value : ''
  const value = draft ?? saved
  const problem = accelerator.safeParse(value).error?.issues[0]?.message ?? null
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
        Quick capture shortcut
        <input
          className="mono shortcut-input"
          value={value}
          placeholder="off"
          aria-invalid={problem !== null}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <button type="submit" disabled={problem !== null || draft === null || save.isPending}>
        Save
      </button>
      <button
        type="button"
        disabled={saved === DEFAULT_QUICK_CAPTURE_SHORTCUT || save.isPending}
        onClick={() => submit(DEFAULT_QUICK_CAPTURE_SHORTCUT)}
      >
        Default
      </button>
      {problem !== null && <span className="inline-error">{problem}</span>}
      {save.error && <span className="inline-error">{errorText(save.error)}</span>}
      <span className="hint">
        Empty turns it off. If the system refuses it (another app holds it), the tray and a notification say
        so.
      </span>
    </form>
  )
}

/** Open logs folder and Copy diagnostics: only the desktop app has a log file and the system's clipboard. */
function SupportActions() {
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
      <button type="button" onClick={() => run('openLogsFolder', '', 'The logs folder could not be opened.')}>
        Open logs folder
      </button>
      <button
        type="button"
        onClick={() =>
          run(
            'copyDiagnostics',
            'Diagnostics copied: versions, system, settings and the last errors (never your API key).',
            'Diagnostics could not be copied.',
          )
        }
      >
        Copy diagnostics
      </button>
      {said ? (
        <span className="hint" role="status">
          {said}
        </span>
      ) : null}
    </div>
  )
}

const SPELLCHECK = {
  key: 'desktop.spellcheck',
  label: 'Check spelling while I type',
  hint: 'On Windows and Linux this downloads dictionaries from Google once; macOS uses its own.',
} as const

/** What the desktop app does around its window: login item, tray, notifications, shortcut, updates. */
export function DesktopSettings() {
  const inBrowser = typeof window !== 'undefined' && window.cairn === undefined
  return (
    <section className="card" aria-labelledby="desktop-settings-title">
      <h2 id="desktop-settings-title">Desktop app</h2>
      {inBrowser && (
        <p className="hint">These apply to the desktop app; this browser view only edits them.</p>
      )}
      {TOGGLES.map((setting) => (
        <Toggle key={setting.key} setting={setting} />
      ))}
      <Toggle setting={SPELLCHECK} />
      <ShortcutSetting />
      <SupportActions />
    </section>
  )
}
