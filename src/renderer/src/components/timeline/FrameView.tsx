import { useState } from 'react'
import { Link } from 'react-router'
import type { CaptureItem } from '../../../../shared/contract/domains/capture'
import { useCall } from '../../api/queries'
import { errorText } from '../../lib/errors'
import { dayKey } from '../../lib/time'

/** One frame large, the words searched for marked on it, with its window, app, activity and the text read. */
export function FrameView({ frame, mark }: { frame: CaptureItem; mark: string[] }) {
  const image = useCall('capture.image', { id: frame.id })
  const [size, setSize] = useState<{ width: number; height: number } | null>(null)
  const wanted = mark.map((word) => word.toLowerCase()).filter((word) => word.length > 0)
  const marked = (image.data?.words ?? []).filter(([word]) =>
    wanted.some((term) => word.toLowerCase().includes(term)),
  )
  const when = new Date(frame.capturedAt).toLocaleString()
  return (
    <article className="frame-view" aria-label={`Frame of ${when}`} data-frame-id={frame.id}>
      <div className="frame-picture">
        {image.error && <p className="inline-error">{errorText(image.error)}</p>}
        {image.data?.dataUrl ? (
          <div className="frame-image">
            <img
              src={image.data.dataUrl}
              alt={`Screen at ${when}: ${frame.windowTitle || frame.appName}`}
              onLoad={(event) =>
                setSize({
                  width: event.currentTarget.naturalWidth,
                  height: event.currentTarget.naturalHeight,
                })
              }
            />
            {size &&
              marked.map(([word, left, top, right, bottom], at) => (
                <span
                  key={at}
                  className="frame-mark"
                  title={word}
                  style={{
                    left: `${(left / size.width) * 100}%`,
                    top: `${(top / size.height) * 100}%`,
                    width: `${((right - left) / size.width) * 100}%`,
                    height: `${((bottom - top) / size.height) * 100}%`,
                  }}
                />
              ))}
          </div>
        ) : (
          image.data && (
            <p className="muted">The image of this frame was removed (retention); its text stays.</p>
          )
        )}
      </div>
      <aside className="frame-details">
        <h2 className="frame-title">{frame.windowTitle || '(no window title)'}</h2>
        <dl>
          <dt>App</dt>
          <dd>{frame.appName || '—'}</dd>
          <dt>Time</dt>
          <dd>{when}</dd>
          <dt>Activity</dt>
          <dd>
            {image.data?.activity ? (
              <Link to={`/timeline?day=${dayKey(frame.capturedAt)}&focus=${image.data.activity.id}`}>
                {image.data.activity.title}
              </Link>
            ) : (
              '—'
            )}
          </dd>
        </dl>
        <h3>Text on screen</h3>
        {image.data?.text !== undefined ? (
          <pre className="frame-text" tabIndex={0} aria-label="Text on screen">
            {image.data.text || '(no text found)'}
          </pre>
        ) : (
          <p className="muted">Not read yet: the text is read on this device in the background.</p>
        )}
      </aside>
    </article>
  )
}
