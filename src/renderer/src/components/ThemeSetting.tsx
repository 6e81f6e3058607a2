import { useCall, useCallMutation } from '../api/queries'

const CHOICES = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const

/** Light, dark, or whatever the operating system uses (live). */
export function ThemeSetting() {
  const setting = useCall('settings.get', { key: 'ui.theme' })
  const save = useCallMutation('settings.set')
  const current = setting.data?.value ?? 'system'
  return (
    <div className="segmented" role="radiogroup" aria-label="Theme">
      {CHOICES.map((choice) => (
        <button
          key={choice.value}
          type="button"
          role="radio"
          aria-checked={current === choice.value}
          onClick={() => save.mutate({ key: 'ui.theme', value: choice.value })}
        >
          {choice.label}
        </button>
      ))}
    </div>
  )
}
