import { useCall, useCallMutation } from '../api/queries'
import { useTranslation } from 'react-i18next'

const CHOICES = [
  { value: 'system', label: 'settings.themeSystem' },
  { value: 'light', label: 'settings.themeLight' },
  { value: 'dark', label: 'settings.themeDark' },
] as const

/** Light, dark, or whatever the operating system uses (live). */
export function ThemeSetting() {
  const { t } = useTranslation()
  const setting = useCall('settings.get', { key: 'ui.theme' })
  const save = useCallMutation('settings.set')
  const current = setting.data?.value ?? 'system'
  return (
    <div className="segmented" role="radiogroup" aria-label={t('settings.theme')}>
      {CHOICES.map((choice) => (
        <button
          key={choice.value}
          type="button"
          role="radio"
          aria-checked={current === choice.value}
          onClick={() => save.mutate({ key: 'ui.theme', value: choice.value })}
        >
          {t(choice.label)}
        </button>
      ))}
    </div>
  )
}
