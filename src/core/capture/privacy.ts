import { DEFAULT_EXCLUDED_APPS, DEFAULT_EXCLUDED_TITLE_PATTERNS } from '../../shared/contract/domains/capture'
import type { FrameWindow } from './window'

export interface ExclusionRules {
  /** Application names; a frame whose app name contains one (any case) is never stored. */
  apps: string[]
  /** Window-title patterns (regular expressions, case-insensitive). */
  titles: string[]
}

/** Password managers and private browsing windows are excluded out of the box. */
export const DEFAULT_EXCLUSIONS: ExclusionRules = {
  apps: DEFAULT_EXCLUDED_APPS,
  titles: DEFAULT_EXCLUDED_TITLE_PATTERNS,
}

export interface ExclusionMatcher {
  /** The rule that excludes this window, or null when it may be captured. */
  match(window: FrameWindow | null): string | null
}

/** Compiles the rules once; a pattern that is not a valid regular expression is matched as plain text. */
export function compileExclusions(rules: ExclusionRules): ExclusionMatcher {
  const apps = rules.apps.map((app) => app.trim().toLowerCase()).filter((app) => app.length > 0)
  const titles = rules.titles
    .filter((pattern) => pattern.trim().length > 0)
    .map((pattern) => {
      try {
        return { pattern, regex: new RegExp(pattern, 'iu') }
      } catch {
        return { pattern, regex: new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu') }
      }
    })
  return {
    match(window) {
      if (!window) return null
      // When the platform cannot name the app, the app names are looked for in the title instead.
      const appName = (window.appName || window.title).toLowerCase()
      const app = apps.find((candidate) => appName.includes(candidate))
      if (app) return `app "${app}"`
      const title = titles.find(({ regex }) => regex.test(window.title))
      return title ? `window title matching "${title.pattern}"` : null
    },
  }
}
