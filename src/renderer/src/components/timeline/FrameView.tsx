import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CaptureItem } from '../../../../shared/contract/domains/capture'
import { useCall } from '../../api/queries'
import { errorText } from '../../lib/errors'
import { dayKey } from '../../lib/time'
import { locale } from '../../i18nCore'

/** One frame large, the words searched for marked on it, with its window, app, activity and the text read. */
export function FrameView({ frame, mark }: { frame: CaptureItem; mark: string[] }) {
  const { t } = useTranslation()
  const image = useCall('capture.image', { id: frame.id })
  const [size, setSize] = useState<{ width: number; height: number } | null>(null)
  const wanted = mark.map((word) => word.toLowerCase()).filter((word) => word.length > 0)
  const marked = (image.data?.words ?? []).filter(([word]) =>
    wanted.some((term) => word.toLowerCase().includes(term)),
  )
  const when = new Date(frame.capturedAt).toLocaleString(locale())
  return (
    <article className="frame-view" aria-label={t('frames.frameOf', { time: when })} data-frame-id={frame.id}>
      <div className="frame-picture">
        {image.error && <p className="inline-error">{errorText(image.error)}</p>}
        {image.data?.dataUrl ? (
          <div className="frame-image">
            <img
              src={image.data.dataUrl}
              alt={t('frames.screenAt', { time: when, title: frame.windowTitle || frame.appName })}
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
          image.data && <p className="muted">{t('frames.imageRemoved')}</p>
        )}
      </div>
      <aside className="frame-details">
        <h2 className="frame-title">{frame.windowTitle || t('frames.noTitle')}</h2>
        <dl>
          <dt>{t('frames.app')}</dt>
          <dd>{frame.appName || '—'}</dd>
          <dt>{t('frames.time')}</dt>
          <dd>
            <time dateTime={new Date(frame.capturedAt).toISOString()}>{when}</time>
          </dd>
          <dt>{t('frames.activity')}</dt>
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
        <h3>{t('frames.text')}</h3>
        {image.data?.text !== undefined ? (
          <pre className="frame-text" tabIndex={0} aria-label={t('frames.text')}>
            {image.data.text || t('frames.noText')}
          </pre>
        ) : (
          <p className="muted">{t('frames.notRead')}</p>
        )}
      </aside>
    </article>
  )
}
