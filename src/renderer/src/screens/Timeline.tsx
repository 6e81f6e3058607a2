import { useState } from 'react'
import { useSearchParams } from 'react-router'
import type { Activity } from '../../../shared/contract/domains/activities'
import { useClient } from '../api/context'
import { ActivityRow } from '../components/ActivityRow'
import { CaptureGaps, useGapReason } from '../components/capture/CaptureGaps'
import { VirtualRows } from '../components/VirtualRows'
import { FrameScrubber } from '../components/timeline/FrameScrubber'
import { usePagedRows } from '../hooks/usePagedRows'
import { errorText } from '../lib/errors'
import { useToday } from '../hooks/useToday'
import { addDays, dayKey, formatDay, parseDayKey } from '../lib/time'
import { useTranslation } from 'react-i18next'

/** One day of activities in time order, paged and virtualized; previous/next day and a date picker. */
export function TimelineScreen() {
  const { t } = useTranslation()
  const client = useClient()
  const [params, setParams] = useSearchParams()
  const today = useToday()
  const day = parseDayKey(params.get('day')) ?? today
  const to = addDays(day, 1)
  const [range, setRange] = useState({ start: 0, end: 30 })
  const [active, setActive] = useState(0)
  const rows = usePagedRows<Activity>(
    ['activities.list', { from: day, to }],
    (offset, limit) => client.call('activities.list', { from: day, to, order: 'asc', offset, limit }),
    range,
  )
  const goTo = (ms: number) => {
    // Another day drops the frame opened from a search.
    setParams({ day: dayKey(ms) })
    setActive(0)
  }
  const isToday = day === today
  const frameId = Number(params.get('frame'))
  const frameAt = Number(params.get('at'))
  const focusFrame =
    Number.isInteger(frameId) && frameId > 0 && Number.isFinite(frameAt) ? { id: frameId, at: frameAt } : null
  const mark = (params.get('q') ?? '').split(/\s+/).filter(Boolean)
  const gapReason = useGapReason(day, to)

  return (
    <section className="screen" aria-labelledby="timeline-title">
      <header className="screen-header">
        <h1 id="timeline-title">{t('timeline.title')}</h1>
        <div className="day-nav">
          <button type="button" onClick={() => goTo(addDays(day, -1))} aria-label={t('timeline.previousDay')}>
            ←
          </button>
          <input
            type="date"
            aria-label={t('timeline.day')}
            value={dayKey(day)}
            onChange={(event) => {
              const picked = parseDayKey(event.target.value)
              if (picked !== null) goTo(picked)
            }}
          />
          <button
            type="button"
            onClick={() => goTo(addDays(day, 1))}
            aria-label={t('timeline.nextDay')}
            disabled={isToday}
          >
            →
          </button>
          {!isToday && (
            <button type="button" onClick={() => goTo(today)}>
              {t('timeline.today')}
            </button>
          )}
        </div>
      </header>
      <FrameScrubber
        key={`${day}-${focusFrame?.id ?? ''}`}
        from={day}
        to={to}
        focus={focusFrame}
        mark={mark}
        quietWhenEmpty={!rows.isLoading && rows.total === 0}
      />
      <p className="muted" data-testid="activity-count">
        <time dateTime={dayKey(day)}>{formatDay(day)}</time> ·{' '}
        {rows.isLoading ? t('timeline.loading') : t('timeline.count', { count: rows.total })}
      </p>
      {rows.error && <p className="inline-error">{errorText(rows.error)}</p>}
      <CaptureGaps from={day} to={to} />
      {!rows.isLoading && rows.total === 0 ? (
        <p className="empty-state">{t('timeline.empty')}</p>
      ) : (
        <VirtualRows
          count={rows.total}
          rowHeight={64}
          label={t('timeline.list')}
          active={active}
          onActiveChange={setActive}
          onRangeChange={setRange}
          renderRow={(index) => {
            const activity = rows.rowAt(index)
            return activity ? (
              <ActivityRow activity={activity} previous={rows.rowAt(index - 1)} gapReason={gapReason} />
            ) : (
              <div className="row-placeholder" aria-hidden="true" />
            )
          }}
        />
      )}
    </section>
  )
}
