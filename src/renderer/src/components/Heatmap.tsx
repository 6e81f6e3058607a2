import { useQuery } from '@tanstack/react-query'
import { useClient } from '../api/context'
import { useToday } from '../hooks/useToday'
import { addDays, dayKey, formatShortDate } from '../lib/time'

const WEEKS = 17

/** Activities per day for the last four months, GitHub-style; a day is a button that filters the page. */
export function Heatmap({
  selected,
  onSelect,
}: {
  selected: number | null
  onSelect: (day: number | null) => void
}) {
  const client = useClient()
  const today = useToday()
  // Columns are weeks starting on Sunday; the last column ends with today.
  const first = addDays(today, -(WEEKS - 1) * 7 - new Date(today).getDay())
  const days: number[] = []
  for (let day = first; day <= today; day = addDays(day, 1)) days.push(day)
  const counts = useQuery({
    queryKey: ['activities.heatmap', { first, today }],
    queryFn: () =>
      Promise.all(
        days.map((day) =>
          client
            .call('activities.list', { from: day, to: addDays(day, 1), limit: 1 })
            .then((page) => page.total),
        ),
      ),
  })
  const max = Math.max(1, ...(counts.data ?? []))
  const level = (count: number) => (count === 0 ? 0 : Math.min(4, Math.ceil((count / max) * 4)))
  return (
    <div className="heatmap" role="group" aria-label="Activity per day">
      {days.map((day, index) => {
        const count = counts.data?.[index] ?? 0
        return (
          <button
            key={day}
            type="button"
            className={`heat heat-${counts.data ? level(count) : 0}${selected === day ? ' selected' : ''}`}
            style={{ gridRow: new Date(day).getDay() + 1 }}
            aria-label={`${formatShortDate(day)}: ${count} activities`}
            aria-pressed={selected === day}
            title={`${dayKey(day)} · ${count}`}
            onClick={() => onSelect(selected === day ? null : day)}
          />
        )
      })}
    </div>
  )
}
