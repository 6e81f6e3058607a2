import fs from 'node:fs'
import path from 'node:path'
import { UI_LANGUAGES } from '../../shared/contract/domains/settings'

type UiLanguage = (typeof UI_LANGUAGES)[number]

/**
 * Chromium draws native date and time inputs (and their pickers) in its own locale, fixed when it starts: the
 * `--lang` switch, appended before `ready`, or else the OS's. The language the person chose lives in the
 * database, which only the core's worker opens, after `ready`; so the shell keeps a copy of that one setting in
 * this file beside it, and the next start reads it (a few bytes, before any window exists) to start Chromium in
 * the chosen language. A change in Settings therefore reaches the pickers at the next start.
 */
export const LANGUAGE_FILE = 'ui-language.json'

/** Chromium's locale for a language choice; null leaves Chromium to the OS, as the 'system' choice means. */
export function chromiumLocaleFor(choice: UiLanguage): string | null {
  if (choice === 'en') return 'en-US'
  if (choice === 'zh-CN') return 'zh-CN'
  return null
}

/** The choice the last run kept, or null when none was kept or the file is not one (then Chromium follows the OS). */
export function readLanguageChoice(dir: string): UiLanguage | null {
  let text: string
  try {
    text = fs.readFileSync(path.join(dir, LANGUAGE_FILE), 'utf8')
  } catch {
    return null
  }
  try {
    const value: unknown = JSON.parse(text.slice(0, 100))
    return (UI_LANGUAGES as readonly unknown[]).includes(value) ? (value as UiLanguage) : null
  } catch {
    return null
  }
}

/** Before `ready`: starts Chromium in the language last chosen; returns the locale given, or null for the OS's. */
export function applyChromiumLanguage(
  commandLine: { appendSwitch(name: string, value?: string): void },
  dir: string,
): string | null {
  const choice = readLanguageChoice(dir)
  const locale = choice === null ? null : chromiumLocaleFor(choice)
  if (locale !== null) commandLine.appendSwitch('lang', locale)
  return locale
}

/** Keeps the choice for the next start (written beside, then renamed: a crash leaves the old file or the new). */
export async function rememberLanguageChoice(dir: string, choice: UiLanguage): Promise<void> {
  const file = path.join(dir, LANGUAGE_FILE)
  const next = `${file}.${process.pid}.tmp`
  await fs.promises.writeFile(next, JSON.stringify(choice))
  await fs.promises.rename(next, file)
}
