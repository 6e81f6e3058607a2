import { useTranslation } from 'react-i18next'
import { UI_LANGUAGES } from '../../../shared/contract/domains/settings'
import { LANGUAGE_NAMES } from '../../../shared/i18n'
import { useCall, useCallMutation } from '../api/queries'

/** The interface's language: the system's (OS or browser), or one chosen here. */
export function LanguageSetting() {
  const { t } = useTranslation()
  const setting = useCall('settings.get', { key: 'ui.language' })
  const save = useCallMutation('settings.set')
  const current = typeof setting.data?.value === 'string' ? setting.data.value : 'system'
  return (
    <select
      id="language-setting"
      value={current}
      disabled={!setting.data}
      onChange={(event) =>
        save.mutate({ key: 'ui.language', value: event.target.value as (typeof UI_LANGUAGES)[number] })
      }
    >
      {UI_LANGUAGES.map((language) =>
        language === 'system' ? (
          <option key={language} value={language}>
            {t('settings.languageSystem')}
          </option>
        ) : (
          // Each language is named in itself, so it can be found whatever the interface speaks now.
          <option key={language} value={language} translate="no" lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ),
      )}
    </select>
  )
}

/**
 * The language this window found set when it first looked: the one Chromium started in (the shell gives it the
 * choice kept at the start). Kept for the window's life, so leaving Settings does not forget a change.
 */
let startedIn: string | null = null
const languageAtStart = (value: string): string => (startedIn ??= value)

/**
 * Where native date and time pickers take their language from, when it is not the one just chosen. In the
 * desktop app Chromium's locale is set at start (src/main/electron/chromiumLanguage.ts): a change reaches the
 * pickers at the next start. In a browser they follow the browser's language, whatever Cairn speaks.
 */
export function LanguagePickersNote() {
  const { t } = useTranslation()
  const setting = useCall('settings.get', { key: 'ui.language' })
  const value = typeof setting.data?.value === 'string' ? setting.data.value : null
  if (value === null) return null
  const atStart = languageAtStart(value)
  const desktop = typeof window !== 'undefined' && window.cairn !== undefined
  if (desktop) {
    return value === atStart ? null : (
      <p className="hint" role="status" data-testid="language-pickers-note">
        {t('settings.languagePickersRestart')}
      </p>
    )
  }
  return value === 'system' ? null : (
    <p className="hint" data-testid="language-pickers-note">
      {t('settings.languagePickersBrowser')}
    </p>
  )
}
