import { initReactI18next } from 'react-i18next'
import type { Language } from '../../shared/i18n'
import { LANGUAGES, matchLanguage } from '../../shared/i18n'
import { i18next } from './i18nCore'

/** The pseudo-locale (every message in ⟦…⟧) is switched on by this localStorage key; tests use it. */
const PSEUDO_KEY = 'cairn.pseudo'
/** The last language shown, so the next start paints in it before the setting has been read. */
const LAST_KEY = 'cairn.language'

function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null
  }
}

const isPseudo = stored(PSEUDO_KEY) === '1'

/** The language the OS or browser prefers, among those Cairn speaks. */
export const systemLanguage = (): Language => matchLanguage(navigator.languages ?? [navigator.language])

function startLanguage(): string {
  if (isPseudo) return 'pseudo'
  const last = stored(LAST_KEY)
  return last && (LANGUAGES as readonly string[]).includes(last) ? last : systemLanguage()
}

i18next.use(initReactI18next)
// initReactI18next hooks in on init; the instance is initialised already, so hand it over directly.
initReactI18next.init(i18next)
void i18next.changeLanguage(startLanguage())
document.documentElement.lang = isPseudo ? 'en' : i18next.language

/** Applies the `ui.language` setting ('system' or a language); the pseudo-locale, when on, stays. */
export function applyLanguage(setting: unknown): void {
  if (isPseudo) return
  const wanted =
    typeof setting === 'string' && (LANGUAGES as readonly string[]).includes(setting)
      ? (setting as Language)
      : systemLanguage()
  try {
    window.localStorage.setItem(LAST_KEY, wanted)
  } catch {
    // Only the first paint of the next start is at stake.
  }
  if (i18next.language !== wanted) void i18next.changeLanguage(wanted)
  document.documentElement.lang = wanted
}
