import type { RecordingHours } from '../../shared/contract/domains/capture'
import { CAPTURE_REASONS } from '../../shared/captureReasons'

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

/**
 * Why `time` (local time of this computer) is outside the recording schedule, or null when capture may run.
 * An end before the start spans midnight (22:00-06:00); equal start and end mean all day.
 */
export function outsideRecordingTime(
  time: number,
  hours: RecordingHours,
  weekdays: readonly number[],
): string | null {
  const date = new Date(time)
  if (!weekdays.includes(date.getDay())) return CAPTURE_REASONS.notRecordingDay
  const minute = date.getHours() * 60 + date.getMinutes()
  const start = minutesOf(hours.start)
  const end = minutesOf(hours.end)
  if (start === end) return null
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end
  return inside ? null : CAPTURE_REASONS.outsideHours
}

/** Local midnight at the start of the day that contains `time`. */
export function localDayStart(time: number): number {
  const date = new Date(time)
  date.setHours(0, 0, 0, 0)
  return date.getTime()
}
