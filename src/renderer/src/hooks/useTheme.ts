import { useEffect, useSyncExternalStore } from 'react'
import { useCall } from '../api/queries'

const DARK_QUERY = '(prefers-color-scheme: dark)'

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY)
  media.addEventListener('change', onChange)
  return () => media.removeEventListener('change', onChange)
}

/** The OS preference, kept live: a theme of "system" follows the OS while the app is open. */
export function useSystemDark(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(DARK_QUERY).matches)
}

/** Applies the `ui.theme` setting to <html data-theme>, which styles/theme.css reads. */
export function useTheme(): 'light' | 'dark' {
  const setting = useCall('settings.get', { key: 'ui.theme' })
  const systemDark = useSystemDark()
  const chosen = setting.data?.value
  const theme = chosen === 'light' || chosen === 'dark' ? chosen : systemDark ? 'dark' : 'light'
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  return theme
}
