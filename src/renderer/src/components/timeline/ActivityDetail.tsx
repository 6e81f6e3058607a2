import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CaptureItem } from '../../../../shared/contract/domains/capture'
import { useCall } from '../../api/queries'
import { errorText } from '../../lib/errors'
import { formatDay, formatDuration, formatTime } from '../../lib/time'
import { activityUrls } from '../../lib/urls'
import { locale } from '../../i18nCore'

/** Frames shown at once as thumbnails; more are a page away. */
const FRAME_PAGE = 12
/** The first frames of the span say which apps and windows it was spent in. */
const WINDOW_SAMPLE = 100
const WINDOWS_SHOWN = 6
const TODOS_SHOWN = 50

const clock = (ms: number) =>
  new Date(ms).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** The apps and window titles of some frames, the most frequent first. */
function windowsOf(frames: CaptureItem[]): { app: string; title: string; count: number }[] {
  const counts = new Map<string, { app: string; title: string; count: number }>()
  for (const frame of frames) {
    const key = `${frame.appName}\u0000${frame.windowTitle}`
    const entry = counts.get(key) ?? { app: frame.appName, title: frame.windowTitle, count: 0 }
    entry.count += 1
    counts.set(key, entry)
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).slice(0, WINDOWS_SHOWN)
}

function FrameThumb({ frame, onOpen }: { frame: CaptureItem; onOpen: (frame: CaptureItem) => void }) {
  const { t } = useTranslation()
  const image = useCall('capture.image', { id: frame.id }, { staleTime: Infinity, retry: false })
  const title = frame.windowTitle || frame.appName
  return (
    <li>
      <button
        type="button"
        className="activity-frame"
        data-frame-id={frame.id}
        aria-label={t('activityDetail.openFrame', { time: clock(frame.capturedAt), title })}
        onClick={() => onOpen(frame)}
      >
        {image.data?.dataUrl ? (
          <img src={image.data.dataUrl} alt="" loading="lazy" />
        ) : (
          <span className="activity-frame-missing muted">
            {image.isPending ? '…' : t('activityDetail.noImage')}
          </span>
        )}
        <span className="activity-frame-time">{clock(frame.capturedAt)}</span>
      </button>
    </li>
  )
}

/**
 * One activity in a modal pane: its full text, when and in which windows, the frames of its span (opening one
 * moves the Timeline's scrubber to it), the web addresses it cites and the todos made from it. Needs no AI.
 * Esc or the close button closes it; the caller puts focus back where it was.
 */
export function ActivityDetail({
  id,
  onClose,
  onOpenFrame,
}: {
  id: number
  onClose: () => void
  onOpenFrame: (frame: CaptureItem) => void
}) {
  const { t } = useTranslation()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [page, setPage] = useState(0)
  const activity = useCall('activities.get', { id })
  const span = activity.data ? { from: activity.data.startAt, to: activity.data.endAt + 1 } : null
  const frames = useCall(
    'capture.list',
    { from: span?.from ?? 0, to: span?.to ?? 1, limit: FRAME_PAGE, offset: page * FRAME_PAGE },
    { enabled: span !== null, placeholderData: (previous) => previous },
  )
  const sample = useCall(
    'capture.list',
    { from: span?.from ?? 0, to: span?.to ?? 1, limit: WINDOW_SAMPLE, offset: 0 },
    { enabled: span !== null },
  )
  const todos = useCall('todos.list', { sourceActivityId: id, limit: TODOS_SHOWN })

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])

  const data = activity.data
  const urls = data ? activityUrls(data) : []
  const windows = windowsOf(sample.data?.items ?? [])
  const frameTotal = frames.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(frameTotal / FRAME_PAGE))

  return (
    <dialog
      ref={dialog}
      className="activity-detail"
      aria-labelledby={titleId}
      data-testid="activity-detail"
      onClose={onClose}
    >
      <header className="activity-detail-header">
        <h2 id={titleId}>{data?.title ?? t('activityDetail.loading')}</h2>
        <button type="button" onClick={() => dialog.current?.close()} aria-label={t('activityDetail.close')}>
          ×
        </button>
      </header>
      {activity.error && <p className="inline-error">{errorText(activity.error)}</p>}
      {data && (
        <>
          <p className="muted">
            <time dateTime={new Date(data.startAt).toISOString()}>{formatDay(data.startAt)}</time> ·{' '}
            {t('activityDetail.span', {
              from: formatTime(data.startAt),
              to: formatTime(data.endAt),
              duration: formatDuration(data.endAt - data.startAt),
            })}
          </p>
          <p className="activity-detail-text">{data.content || t('activityDetail.noText')}</p>

          <h3>{t('activityDetail.windows')}</h3>
          {windows.length > 0 ? (
            <ul className="activity-windows">
              {windows.map((window) => (
                <li key={`${window.app}\u0000${window.title}`}>
                  <strong>{window.app || t('activityDetail.unknownApp')}</strong> —{' '}
                  {window.title || t('frames.noTitle')}{' '}
                  <span className="muted">{t('activityDetail.frameCount', { count: window.count })}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">
              {sample.isPending ? t('activityDetail.loading') : t('activityDetail.noFrames')}
            </p>
          )}

          <h3>{t('activityDetail.frames', { count: frameTotal })}</h3>
          {frames.error && <p className="inline-error">{errorText(frames.error)}</p>}
          {frameTotal > 0 && (
            <>
              <ol className="activity-frames" aria-label={t('activityDetail.framesList')}>
                {(frames.data?.items ?? []).map((frame) => (
                  <FrameThumb key={frame.id} frame={frame} onOpen={onOpenFrame} />
                ))}
              </ol>
              {pages > 1 && (
                <div className="activity-frames-pages">
                  <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
                    {t('activityDetail.earlierFrames')}
                  </button>
                  <span className="muted">
                    {t('activityDetail.page', { current: page + 1, total: pages })}
                  </span>
                  <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
                    {t('activityDetail.laterFrames')}
                  </button>
                </div>
              )}
            </>
          )}
          {frameTotal === 0 && !frames.isPending && <p className="muted">{t('activityDetail.noFrames')}</p>}

          <h3>{t('activityDetail.links')}</h3>
          {urls.length > 0 ? (
            <ul className="activity-links">
              {urls.map((url) => (
                <li key={url}>
                  {/* The shell opens http(s) links in the system browser after checking them again. */}
                  <a href={url} target="_blank" rel="noreferrer noopener">
                    {url}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('activityDetail.noLinks')}</p>
          )}

          <h3>{t('activityDetail.todos')}</h3>
          {todos.error && <p className="inline-error">{errorText(todos.error)}</p>}
          {(todos.data?.items.length ?? 0) > 0 ? (
            <ul className="activity-todos">
              {todos.data?.items.map((todo) => (
                <li key={todo.id} className={todo.status === 'done' ? 'done' : undefined}>
                  <Link to={`/todos?focus=${todo.id}`}>{todo.content}</Link>
                  {todo.status === 'done' && <span className="muted"> · {t('activityDetail.done')}</span>}
                </li>
              ))}
            </ul>
          ) : (
            todos.data && <p className="muted">{t('activityDetail.noTodos')}</p>
          )}
        </>
      )}
    </dialog>
  )
}
