import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaptureItem } from '../../../../shared/contract/domains/capture'
import { useCall } from '../../api/queries'
import { errorText } from '../../lib/errors'
import { locale } from '../../i18nCore'
import { FrameView } from './FrameView'

const PAGE = 100
/** Frames either side of the current one shown as a strip under the slider. */
const STRIP_EACH_SIDE = 4

const clock = (ms: number) =>
  new Date(ms).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** The day's frames in pages of 100, read as the slider reaches them. */
function useFrameAt(from: number, to: number, index: number) {
  const page = Math.floor(Math.max(0, index) / PAGE)
  const list = useCall(
    'capture.list',
    { from, to, limit: PAGE, offset: page * PAGE },
    { placeholderData: (previous) => previous },
  )
  const items = list.data?.items ?? []
  return { list, total: list.data?.total ?? 0, items, offset: page * PAGE }
}

/**
 * Scrub through the frames of a day: a slider (arrow keys, Page Up/Down, Home/End, or the mouse) and a strip of
 * the frames around the current one; the frame is shown large with its window, app, the text read from it
 * and its activity (keyed by day and focus, so either starts it afresh). `focus` opens a frame (from a search hit) and `mark` highlights words on it.
 * `quietWhenEmpty` leaves a day without frames to the caller's own empty state, so it is said once.
 */
export function FrameScrubber({
  from,
  to,
  focus,
  mark,
  quietWhenEmpty = false,
}: {
  quietWhenEmpty?: boolean
  from: number
  to: number
  focus: { id: number; at: number } | null
  mark: string[]
}) {
  const { t } = useTranslation()
  const [index, setIndex] = useState<number | null>(null)
  // A frame opened from a search: its place in the day is the number of frames before it.
  const before = useCall(
    'capture.list',
    { from, to: Math.max(from + 1, focus?.at ?? from + 1), limit: 1, offset: 0 },
    { enabled: focus !== null },
  )
  const wanted = index ?? (focus && before.data ? before.data.total : 0)
  const { list, total, items, offset } = useFrameAt(from, to, wanted)
  const current = Math.min(wanted, Math.max(0, total - 1))
  const strip = useFrameAt(from, to, Math.max(0, current - STRIP_EACH_SIDE))
  const frame: CaptureItem | undefined = items[current - offset]

  if (list.error) return <p className="inline-error">{errorText(list.error)}</p>
  if (list.isLoading) return <p className="muted">{t('frames.loading')}</p>
  if (total === 0) return quietWhenEmpty ? null : <p className="empty-state">{t('frames.none')}</p>

  const move = (next: number) => setIndex(Math.max(0, Math.min(total - 1, next)))
  const nearby = Array.from({ length: STRIP_EACH_SIDE * 2 + 1 }, (_, at) => current - STRIP_EACH_SIDE + at)
    .filter((at) => at >= 0 && at < total)
    .map((at) => ({ at, item: strip.items[at - strip.offset] ?? items[at - offset] }))

  return (
    <section className="frames" aria-label={t('frames.label')}>
      <div className="frame-controls">
        <button
          type="button"
          onClick={() => move(current - 1)}
          disabled={current === 0}
          aria-label={t('frames.previous')}
        >
          ‹
        </button>
        <input
          type="range"
          className="frame-slider"
          min={0}
          max={total - 1}
          value={current}
          aria-label={t('frames.slider')}
          aria-valuetext={
            frame
              ? t('frames.sliderValue', {
                  time: clock(frame.capturedAt),
                  title: frame.windowTitle || frame.appName,
                })
              : undefined
          }
          onChange={(event) => move(Number(event.target.value))}
        />
        <button
          type="button"
          onClick={() => move(current + 1)}
          disabled={current >= total - 1}
          aria-label={t('frames.next')}
        >
          ›
        </button>
        <span className="muted" data-testid="frame-position">
          {t('frames.position', { current: current + 1, total })}
        </span>
      </div>
      <ol className="frame-strip" aria-label={t('frames.nearby')}>
        {nearby.map(({ at, item }) => (
          <li key={at}>
            <button
              type="button"
              aria-current={at === current ? 'true' : undefined}
              onClick={() => move(at)}
              title={item ? item.windowTitle : undefined}
            >
              <span>{item ? clock(item.capturedAt) : '…'}</span>
              <span className="frame-strip-app">{item?.appName || ' '}</span>
            </button>
          </li>
        ))}
      </ol>
      {frame ? (
        <FrameView frame={frame} mark={frame.id === focus?.id ? mark : []} />
      ) : (
        <p className="muted">{t('frames.loadingFrame')}</p>
      )}
    </section>
  )
}
