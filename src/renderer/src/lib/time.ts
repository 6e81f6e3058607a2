import { i18next, locale } from '../i18nCore'

export { DAY_MS, HOUR_MS } from '../../../shared/time'

/** Local midnight of the day holding `ms`. */
export function startOfDay(ms: number): number {
  const date = new Date(ms)
  date.setHours(0, 0, 0, 0)
  return date.getTime()
}

/** Local midnight `days` days after the day holding `ms` (DST-safe: calendar days, not 24 h steps). */
export function addDays(ms: number, days: number): number {
  const date = new Date(startOfDay(ms))
  date.setDate(date.getDate() + days)
  return date.getTime()
}

/** YYYY-MM-DD of the local day holding `ms`, as <input type="date"> and the URLs use it. */
export function dayKey(ms: number): string {
  const date = new Date(ms)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export function parseDayKey(key: string | null): number | null {
  const match = key ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(key) : null
  if (!match) return null
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime()
}

export const formatTime = (ms: number): string =>
  new Date(ms).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' })

export const formatDay = (ms: number): string =>
  new Date(ms).toLocaleDateString(locale(), {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  })

export const formatShortDate = (ms: number): string =>
  new Date(ms).toLocaleDateString(locale(), { month: 'short', day: 'numeric' })

export function formatDateTime(ms: number): string {
  return `${formatShortDate(ms)} ${formatTime(ms)}`
}

/** A whole number in the interface's language (1,234 in English; the same digits grouping in Chinese). */
export const formatNumber = (value: number, digits = 0): string =>
  value.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits })

export function formatDuration(ms: number): string {
  const t = i18next.t
  if (ms < 60_000) return t('units.seconds', { value: Math.round(ms / 1000) })
  const minutes = Math.round(ms / 60_000)
  if (minutes < 60) return t('units.minutes', { value: minutes })
  const rest = minutes % 60
  return rest === 0
    ? t('units.hours', { value: minutes / 60 })
    : t('units.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: rest })
}

const BYTE_UNITS = ['units.kb', 'units.mb', 'units.gb', 'units.tb'] as const

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return i18next.t('units.bytes', { value: bytes })
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return i18next.t(BYTE_UNITS[unit] ?? 'units.tb', { value: formatNumber(value, value < 10 ? 1 : 0) })
}

/** Milliseconds as the stage tables show them: "120 ms", "1.5 s". */
export function formatMs(ms: number): string {
  return ms < 1000
    ? i18next.t('units.ms', { value: formatNumber(ms) })
    : i18next.t('units.seconds', { value: formatNumber(ms / 1000, 1) })
}
