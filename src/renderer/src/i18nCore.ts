import i18next from 'i18next'
import { CATALOGUES, pseudoCatalogue } from '../../shared/i18n'
import type { en } from '../../shared/i18n/en'

/**
 * The one i18next instance of the window, with every catalogue bundled (no fetch; initialisation is
 * synchronous). It starts in English; i18n.ts picks the language from the setting, the OS or the browser.
 * The helpers in lib/ translate through it, so they stay usable outside React and in unit tests.
 */
void i18next.init({
  resources: {
    en: { translation: CATALOGUES.en },
    'zh-CN': { translation: CATALOGUES['zh-CN'] },
    pseudo: { translation: pseudoCatalogue() },
  },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
})

/** The BCP 47 tag that Intl formats dates and numbers with (the pseudo-locale formats as English). */
export function locale(): string {
  return i18next.language === 'pseudo' ? 'en' : i18next.language
}

export { i18next }

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en }
  }
}
