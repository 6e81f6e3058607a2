import * as chrono from 'chrono-node'

/** What quick add understood in a line: the todo's text and, when written, its due time, urgency and assignee. */
export interface QuickAdd {
  content: string
  dueAt: number | null
  /** True when the words named a time of day, not only a day. */
  dueHasTime: boolean
  urgency: number | null
  assignee: string | null
}

/** "!high", "!2", "！高": urgency words in English and Chinese, by value (0 low … 3 critical). */
const URGENCY_WORDS: Record<string, number> = {
  low: 0,
  normal: 1,
  high: 2,
  critical: 3,
  urgent: 3,
  低: 0,
  普通: 1,
  一般: 1,
  高: 2,
  紧急: 3,
  '0': 0,
  '1': 1,
  '2': 2,
  '3': 3,
}

const URGENCY = /(?:^|\s)[!！](\S+?)(?=\s|$)/u
const ASSIGNEE = /(?:^|\s)[@＠]([\p{L}\p{N}_.-]{1,80})(?=\s|$)/u
const CJK = /[\u3400-\u9fff]/u

function startOfDay(date: Date): number {
  const copy = new Date(date)
  copy.setHours(0, 0, 0, 0)
  return copy.getTime()
}

/**
 * Reads "call dentist tomorrow 3pm !high @me" or "明天下午3点 给牙医打电话 !高 @我": the date words (chrono-node,
 * English and Simplified Chinese, always forward from now), !urgency and @assignee come out of the text.
 */
export function parseQuickAdd(text: string, now: Date = new Date()): QuickAdd {
  let rest = ` ${text} `
  let urgency: number | null = null
  const urgent = URGENCY.exec(rest)
  const level = urgent?.[1] ? URGENCY_WORDS[urgent[1].toLowerCase()] : undefined
  if (urgent && level !== undefined) {
    urgency = level
    rest = rest.replace(urgent[0], ' ')
  }
  let assignee: string | null = null
  const person = ASSIGNEE.exec(rest)
  if (person?.[1]) {
    assignee = person[1]
    rest = rest.replace(person[0], ' ')
  }
  const parsers = CJK.test(rest) ? [chrono.zh.hans, chrono.en] : [chrono.en, chrono.zh.hans]
  let dueAt: number | null = null
  let dueHasTime = false
  for (const parser of parsers) {
    const found = parser.parse(rest, now, { forwardDate: true })[0]
    if (!found) continue
    dueHasTime = found.start.isCertain('hour')
    const date = found.start.date()
    dueAt = dueHasTime ? date.getTime() : startOfDay(date)
    rest = rest.slice(0, found.index) + ' ' + rest.slice(found.index + found.text.length)
    break
  }
  const content = rest.replace(/\s+/g, ' ').trim()
  // A line that is only a date or a tag keeps its words as the todo's text.
  return { content: content === '' ? text.trim() : content, dueAt, dueHasTime, urgency, assignee }
}
