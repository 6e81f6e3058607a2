import type { Catalogue } from './en'
import { en } from './en'
import { zhCN } from './zh-CN'

/** The languages Cairn speaks, by BCP 47 tag; 'pseudo' exists for the test that finds untranslated text. */
export const LANGUAGES = ['en', 'zh-CN'] as const
export type Language = (typeof LANGUAGES)[number]
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' }

export const CATALOGUES: Record<Language, Catalogue> = { en, 'zh-CN': zhCN }

/** The first of the OS or browser's preferred languages that Cairn speaks (any Chinese reads Simplified), else English. */
export function matchLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase()
    if (lower.startsWith('zh')) return 'zh-CN'
    if (lower.startsWith('en')) return 'en'
  }
  return 'en'
}

/** Marks that wrap every pseudo-locale message: visible text without them did not come from a catalogue. */
export const PSEUDO_OPEN = '⟦'
export const PSEUDO_CLOSE = '⟧'

/** English with each message wrapped in ⟦…⟧ (placeholders kept), for the pseudo-locale test. */
export function pseudoCatalogue(): Catalogue {
  const wrap = (group: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(group).map(([key, text]) => [key, `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}`]),
    )
  return Object.fromEntries(
    Object.entries(en).map(([key, group]) => [key, wrap(group)]),
  ) as unknown as Catalogue
}

export type { Catalogue }
