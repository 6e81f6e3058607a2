import { DEFAULT_EXCLUDED_APPS, DEFAULT_EXCLUDED_TITLE_PATTERNS } from '../../shared/contract/domains/capture'
import type { FrameWindow } from './window'

export interface ExclusionRules {
  /** Application names; a frame whose app name contains one (any case) is never stored. */
  apps: string[]
  /**
   * Window-title rules: text found anywhere in the title (any case), where `*` stands for any run of
   * characters and `?` for one. Not regular expressions: a person's pattern must never be able to hang capture.
   */
  titles: string[]
}

/** Password managers and private browsing windows are excluded out of the box. */
export const DEFAULT_EXCLUSIONS: ExclusionRules = {
  apps: DEFAULT_EXCLUDED_APPS,
  titles: DEFAULT_EXCLUDED_TITLE_PATTERNS,
}

/** Only this much of a title is looked at, and of a rule: together they bound the work of one match. */
export const MAX_MATCHED_TITLE = 1_000
export const MAX_RULE_LENGTH = 200

export interface ExclusionMatcher {
  /** The rule that excludes this window, or null when it may be captured. */
  match(window: FrameWindow | null): string | null
  /** Whether any rule exists (with rules and no window to check them against, a frame is not stored). */
  readonly hasRules: boolean
}

const CLASS_ESCAPES = new Set(['s', 'S', 'd', 'D', 'w', 'W', 'b'])

/**
 * Rules were regular expressions before; the forms people (and the old defaults, `\(Private\)`) wrote keep
 * their meaning or grow broader, which errs toward not storing: `\x` is the character x, `.*` and `.+` are `*`,
 * `\s+` (and `\d`, `\w`…) are wildcards, a leading `^` or trailing `$` is dropped. Anything else is the text
 * it shows: `(a+)+` now matches only those five characters.
 */
export function normalizeTitleRule(rule: string): string {
  let text = rule.trim().slice(0, MAX_RULE_LENGTH)
  if (text.startsWith('^')) text = text.slice(1)
  if (text.endsWith('$') && !text.endsWith('\\$')) text = text.slice(0, -1)
  let out = ''
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]
    const next = text[index + 1]
    if (char === '\\' && next !== undefined && CLASS_ESCAPES.has(next)) {
      // \s, \d, \w… stood for a class of characters: a run of them becomes `*`, one of them `?`, \b nothing.
      const repeated = text[index + 2] === '+' || text[index + 2] === '*'
      out += next === 'b' ? '' : repeated ? '*' : '?'
      index += repeated ? 2 : 1
    } else if (char === '\\' && next !== undefined) {
      out += next
      index += 1
    } else if (char === '.' && (next === '*' || next === '+')) {
      out += '*'
      index += 1
    } else {
      out += char
    }
  }
  return out.toLowerCase()
}

/**
 * Whether `glob` (with `*` and `?`) occurs in `text`. The classic two-pointer wildcard match with a `*` at both
 * ends: it never backtracks further than the last star, so it costs at most rule × title steps (200 × 1,000).
 * `*` and `?` here are always wildcards; a rule cannot ask for a literal star.
 */
function globOccursIn(glob: string, text: string): boolean {
  const pattern = `*${glob}*`
  let p = 0
  let t = 0
  let star = -1
  let resume = 0
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p += 1
      t += 1
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p
      resume = t
      p += 1
    } else if (star !== -1) {
      p = star + 1
      resume += 1
      t = resume
    } else {
      return false
    }
  }
  while (p < pattern.length && pattern[p] === '*') p += 1
  return p === pattern.length
}

/** Compiles the rules once. Matching takes time linear in the (capped) title for each rule. */
export function compileExclusions(rules: ExclusionRules): ExclusionMatcher {
  const apps = rules.apps.map((app) => app.trim().toLowerCase()).filter((app) => app.length > 0)
  const titles = rules.titles
    .map((rule) => ({ rule, glob: normalizeTitleRule(rule) }))
    .filter(({ glob }) => glob.replaceAll('*', '').length > 0)
  return {
    hasRules: apps.length > 0 || titles.length > 0,
    match(window) {
      if (!window) return null
      const title = window.title.slice(0, MAX_MATCHED_TITLE).toLowerCase()
      // When the platform cannot name the app, the app names are looked for in the title instead.
      const appName = window.appName ? window.appName.slice(0, MAX_MATCHED_TITLE).toLowerCase() : title
      const app = apps.find((candidate) => appName.includes(candidate))
      if (app) return `app "${app}"`
      const found = titles.find(({ glob }) => globOccursIn(glob, title))
      return found ? `window title matching "${found.rule}"` : null
    },
  }
}
