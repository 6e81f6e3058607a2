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
