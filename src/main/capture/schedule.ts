import type { RecordingHours } from '../../shared/contract/domains/capture'

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

/**
 * Whether `time` (local time of this computer) falls within the recording hours and on a recording weekday.
 * An end before the start spans midnight (22:00-06:00); equal start and end mean all day.
 */
export function withinRecordingTime(
  time: number,
  hours: RecordingHours,
  weekdays: readonly number[],
): boolean {
  const date = new Date(time)
  if (!weekdays.includes(date.getDay())) return false
  const minute = date.getHours() * 60 + date.getMinutes()
  const start = minutesOf(hours.start)
  const end = minutesOf(hours.end)
  if (start === end) return true
  return start < end ? minute >= start && minute < end : minute >= start || minute < end
}

/** Local midnight at the start of the day that contains `time`. */
export function localDayStart(time: number): number {
  const date = new Date(time)
  date.setHours(0, 0, 0, 0)
  return date.getTime()
}
