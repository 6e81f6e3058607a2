import i18next from 'i18next'
import type { TFunction } from 'i18next'
import type { Language } from '../../shared/i18n'
import { CATALOGUES, LANGUAGES, matchLanguage } from '../../shared/i18n'

/**
 * The shell's own words (tray, menus, notifications) from the same catalogues the windows use, so the tray
 * speaks the language Settings chose. One i18next instance, every catalogue bundled, initialised synchronously.
 */
const shell = i18next.createInstance()
void shell.init({
  resources: {
    en: { translation: CATALOGUES.en },
    'zh-CN': { translation: CATALOGUES['zh-CN'] },
  },
  lng: 'en',
  fallbackLng: 'en',
  // Menu labels are not HTML; escaping would show `&amp;` in a reason taken from a window title.
  interpolation: { escapeValue: false },
  initAsync: false,
})

/** The language of the `ui.language` setting: one Cairn speaks, or 'system' (anything else) read from the OS. */
export function shellLanguage(setting: unknown, systemLanguages: readonly string[]): Language {
  return typeof setting === 'string' && (LANGUAGES as readonly string[]).includes(setting)
    ? (setting as Language)
    : matchLanguage(systemLanguages)
}

/** A translator fixed to one language (the catalogue's keys, e.g. 'shell.quit'). */
export function shellText(language: Language): TFunction {
  return shell.getFixedT(language)
}
