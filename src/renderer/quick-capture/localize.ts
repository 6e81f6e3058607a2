import i18next from 'i18next'
import { CATALOGUES, LANGUAGES, matchLanguage, pseudoCatalogue } from '../../shared/i18n'

/** Attributes that carry a catalogue key: data-i18n sets the text, the others the attribute they name. */
const ATTRIBUTES = ['aria-label', 'placeholder', 'title'] as const

function fill(): void {
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = i18next.t(element.dataset.i18n as 'quickCapture.title')
  }
  for (const attribute of ATTRIBUTES) {
    for (const element of document.querySelectorAll<HTMLElement>(`[data-i18n-${attribute}]`)) {
      const key = element.getAttribute(`data-i18n-${attribute}`) as 'quickCapture.title'
      element.setAttribute(attribute, i18next.t(key))
    }
  }
  document.documentElement.lang = i18next.language === 'pseudo' ? 'en' : i18next.language
}

/**
 * Puts the page in the language of the `ui.language` setting (or the system's): the catalogues are bundled,
 * so the page is filled in at once and again when the setting has been read.
 */
export async function localize(): Promise<void> {
  const pseudo = window.localStorage.getItem('cairn.pseudo') === '1'
  await i18next.init({
    resources: {
      en: { translation: CATALOGUES.en },
      'zh-CN': { translation: CATALOGUES['zh-CN'] },
      pseudo: { translation: pseudoCatalogue() },
    },
    lng: pseudo ? 'pseudo' : matchLanguage(navigator.languages),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  })
  fill()
  if (pseudo || !window.cairn) return
  const setting = await window.cairn.call('settings.get', { key: 'ui.language' })
  const value = setting.ok ? (setting.result as { value: unknown }).value : null
  if (typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)) {
    await i18next.changeLanguage(value)
    fill()
  }
}
