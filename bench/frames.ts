import { segmentForIndex, titleExtra } from '../src/core/ocr/segment'
import type { Random } from './rng'
import { createRandom, randomIndex } from './rng'
import { chineseText, messageText, titleText } from './text'

/** One captured frame as the app stores it after OCR: its row in captures and its row in capture_text. */
export interface Frame {
  id: number
  capturedAt: number
  appName: string
  windowTitle: string
  /** As the OCR pipeline writes it: CJK words joined by U+200B. */
  text: string
  extra: string
}

/** In 1 frame of RARE_FRAME_EVERY: the rare term of bench/text.ts. */
export const RARE_FRAME_EVERY = 5_000
/** A word found only in window titles, in TITLE_SHARE of them. */
export const TITLE_TERM = 'roadmap'
export const TITLE_SHARE = 0.02
/** Frames with some Chinese on screen. */
export const CHINESE_SHARE = 0.1
/** One frame a minute: 500,000 frames span about a year. */
const FRAME_EVERY_MS = 60_000
const FIRST_FRAME_AT = Date.UTC(2025, 0, 1)

const APPS = ['Code', 'Chrome', 'Slack', 'Terminal', 'Mail', 'Figma', 'Notion', 'Zoom', '微信', '飞书']

function windowTitle(random: Random, app: string): string {
  const title = titleText(random)
  const withTerm = random() < TITLE_SHARE ? `${title} ${TITLE_TERM}` : title
  return app === '微信' || app === '飞书' ? `${withTerm} - 工作群` : `${withTerm} — ${app}`
}

/** The text OCR reads from a screen: a window's worth of words, sometimes with Chinese lines among them. */
function screenText(random: Random, id: number): string {
  const english = messageText(random, { minWords: 60, maxWords: 260, rare: id % RARE_FRAME_EVERY === 0 })
  if (random() >= CHINESE_SHARE) return english
  const cut = english.indexOf('. ', randomIndex(random, english.length))
  return cut < 0
    ? `${english}\n${chineseText(random)}`
    : `${english.slice(0, cut + 1)}\n${chineseText(random)}\n${english.slice(cut + 2)}`
}

/**
 * The frames of a year of capture, ids from 1, the same sequence for the same seed: the fast seeder and the
 * row-by-row reference get identical rows.
 */
export function createFrames(seed: number): (id: number) => Frame {
  const random = createRandom(seed)
  return (id) => {
    const appName = APPS[randomIndex(random, APPS.length)] ?? 'Code'
    const title = windowTitle(random, appName)
    return {
      id,
      capturedAt: FIRST_FRAME_AT + id * FRAME_EVERY_MS,
      appName,
      windowTitle: title,
      text: segmentForIndex(screenText(random, id)),
      extra: titleExtra(title, appName),
    }
  }
}
