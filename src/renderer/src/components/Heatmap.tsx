import { useCall } from '../api/queries'
import { useToday } from '../hooks/useToday'
import { addDays, dayKey, formatShortDate } from '../lib/time'
import { useTranslation } from 'react-i18next'

const WEEKS = 26

/** Activities per day for the last six months, GitHub-style; a day is a button that filters the page. */
export function Heatmap({
  selected,
  onSelect,
}: {
  selected: number | null
  onSelect: (day: number | null) => void
}) {
  const { t } = useTranslation()
  const today = useToday()
  // Columns are weeks starting on Sunday; the last column ends with today.
  const first = addDays(today, -(WEEKS - 1) * 7 - new Date(today).getDay())
  const days: number[] = []
  for (let day = first; day <= today; day = addDays(day, 1)) days.push(day)
  // Local midnights cut the days (a DST day is 23 or 25 hours), so the boundaries are sent as they are.
  const boundaries = [...days, addDays(today, 1)]
  const answer = useCall('activities.countByDay', { boundaries })
  const counts = { data: answer.data?.counts }
  const max = Math.max(1, ...(counts.data ?? []))
  const level = (count: number) => (count === 0 ? 0 : Math.min(4, Math.ceil((count / max) * 4)))
  const total = (counts.data ?? []).reduce((sum, count) => sum + count, 0)
  return (
    <div className="heatmap-wrap">
      <div className="heatmap" role="group" aria-label={t('heatmap.label')}>
        {days.map((day, index) => {
          const count = counts.data?.[index] ?? 0
          return (
            <button
              key={day}
              type="button"
              className={`heat heat-${counts.data ? level(count) : 0}${selected === day ? ' selected' : ''}`}
              style={{ gridRow: new Date(day).getDay() + 1 }}
              aria-label={t('heatmap.day', { date: formatShortDate(day), count })}
              aria-pressed={selected === day}
              title={`${dayKey(day)} · ${count}`}
              onClick={() => onSelect(selected === day ? null : day)}
            />
          )
        })}
      </div>
      <div className="heat-legend" aria-hidden="true">
        <span>
          {counts.data ? t('heatmap.total', { count: total }) : ''}
          {t('heatmap.less')}
        </span>
        {[0, 1, 2, 3, 4].map((step) => (
          <span key={step} className={`heat heat-${step}`} />
        ))}
        <span>{t('heatmap.more')}</span>
      </div>
    </div>
  )
}
