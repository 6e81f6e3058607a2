import { useCall, useCallMutation } from '../../api/queries'
import { useTranslation } from 'react-i18next'

/**
 * Which displays to capture. All are checked while none is chosen (capture.displays empty, which also takes
 * displays plugged in later); unchecking one chooses the others; checking every connected one goes back to all.
 */
export function CaptureDisplays() {
  const { t } = useTranslation()
  const displays = useCall('capture.displays', {})
  const save = useCallMutation('settings.set')
  const items = displays.data?.items ?? []
  if (items.length === 0) return null
  const all = displays.data?.all ?? true
  const checked = (id: string): boolean => all || items.some((item) => item.id === id && item.chosen)
  const toggle = (id: string, on: boolean) => {
    const current = items.filter((item) => checked(item.id)).map((item) => item.id)
    const next = on ? [...current, id] : current.filter((other) => other !== id)
    if (next.length === 0) return
    const connected = items.filter((item) => !item.label.endsWith('(not connected)')).map((item) => item.id)
    const everything = connected.every((other) => next.includes(other)) && next.length === connected.length
    save.mutate({ key: 'capture.displays', value: everything ? [] : next })
  }
  return (
    <fieldset className="capture-displays">
      <legend>{t('capture.displays')}</legend>
      {items.map((item) => (
        <label key={item.id} className="check">
          <input
            type="checkbox"
            checked={checked(item.id)}
            disabled={
              save.isPending || (checked(item.id) && items.filter((other) => checked(other.id)).length === 1)
            }
            onChange={(event) => toggle(item.id, event.target.checked)}
          />
          {item.label}
        </label>
      ))}
      {all && <span className="muted">{t('capture.allDisplays')}</span>}
    </fieldset>
  )
}
