import { useRef, useState } from 'react'
import { useSearchParams } from 'react-router'
import type { Activity } from '../../../shared/contract/domains/activities'
import type { CaptureItem } from '../../../shared/contract/domains/capture'
import { useClient } from '../api/context'
import { useCall } from '../api/queries'
import { ActivityRow } from '../components/ActivityRow'
import { CaptureGaps, useGapReason } from '../components/capture/CaptureGaps'
import { VirtualRows } from '../components/VirtualRows'
import { ActivityDetail } from '../components/timeline/ActivityDetail'
import { FrameScrubber } from '../components/timeline/FrameScrubber'
import { useActivityPosition } from '../components/timeline/useActivityPosition'
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
  // A day with frames but no activity (AI off, or not written yet) is not a day where nothing was captured.
  // Asked beside the activities, not after them, so the empty state does not first say the wrong words.
  const noActivity = !rows.isLoading && rows.total === 0
  const frames = useCall('capture.list', { from: day, to, limit: 1, offset: 0 })
  const hasFrames = (frames.data?.total ?? 0) > 0
  // The activity whose detail is open lives in the URL (a search hit opens it the same way).
  const openId = Number(params.get('focus'))
  const detailId = Number.isInteger(openId) && openId > 0 ? openId : null
  // An activity opened from the list is on screen already; one opened from a search hit is scrolled to.
  const [openedInList, setOpenedInList] = useState<number | null>(null)
  const position = useActivityPosition(detailId, day)
  const scrollTo = detailId !== null && detailId !== openedInList ? position : null
  // The keyboard's row moves there too, so it stays marked after the pane closes (state adjusted in render).
  const [placed, setPlaced] = useState<number | null>(null)
  if (scrollTo !== null && placed !== detailId) {
    setPlaced(detailId)
    setActive(scrollTo)
  }
  const returnFocus = useRef<HTMLElement | null>(null)
  // Each opening mounts a new pane. Escape closes the dialog at once but the URL only a moment later: Enter in
  // between opened the same activity, kept the closed pane mounted (same key) and showed nothing.
  const [openings, setOpenings] = useState(0)
  const openDetail = (activity: Activity | undefined) => {
    if (!activity) return
    setOpenedInList(activity.id)
    setOpenings((count) => count + 1)
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    setParams((current) => {
      const next = new URLSearchParams(current)
      next.set('focus', String(activity.id))
      return next
    })
  }
  const closeDetail = () => {
    setParams((current) => {
      const next = new URLSearchParams(current)
      next.delete('focus')
      return next
    })
    returnFocus.current?.focus()
  }
  const openFrame = (frame: CaptureItem) => {
    // Closing the pane by moving the scrubber: the frame becomes the one shown, as a search hit opens it.
    returnFocus.current = null
    setParams({ day: dayKey(frame.capturedAt), frame: String(frame.id), at: String(frame.capturedAt) })
  }

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
        quietWhenEmpty={noActivity}
      />
      <p className="muted" data-testid="activity-count">
        <time dateTime={dayKey(day)}>{formatDay(day)}</time> ·{' '}
        {rows.isLoading ? t('timeline.loading') : t('timeline.count', { count: rows.total })}
      </p>
      {rows.error && <p className="inline-error">{errorText(rows.error)}</p>}
      <CaptureGaps from={day} to={to} />
      {noActivity ? (
        <p className="empty-state">{t(hasFrames ? 'timeline.noActivities' : 'timeline.empty')}</p>
      ) : (
        <VirtualRows
          count={rows.total}
          rowHeight={64}
          label={t('timeline.list')}
          active={active}
          onActiveChange={setActive}
          onOpen={(index) => openDetail(rows.rowAt(index))}
          onRangeChange={setRange}
          scrollTo={scrollTo}
          renderRow={(index) => {
            const activity = rows.rowAt(index)
            return activity ? (
              <ActivityRow
                activity={activity}
                previous={rows.rowAt(index - 1)}
                gapReason={gapReason}
                found={activity.id === detailId}
                onOpen={() => openDetail(activity)}
              />
            ) : (
              <div className="row-placeholder" aria-hidden="true" />
            )
          }}
        />
      )}
      {detailId !== null && (
        <ActivityDetail
          key={`${detailId}-${openings}`}
          id={detailId}
          onClose={closeDetail}
          onOpenFrame={openFrame}
        />
      )}
    </section>
  )
}
