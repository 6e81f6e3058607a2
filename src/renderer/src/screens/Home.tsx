import { useState } from 'react'
import { Link } from 'react-router'
import { useCall } from '../api/queries'
import { useClient } from '../api/context'
import { errorText } from '../lib/errors'
import { reportError } from '../lib/toastBus'
import { toggleTodo } from '../lib/todoActions'
import { AiStatusCard } from '../components/ai/AiStatusCard'
import { CaptureStatusCard } from '../components/capture/CaptureStatusCard'
import { Heatmap } from '../components/Heatmap'
import { TipsFeed } from '../components/TipsFeed'
import { useToday } from '../hooks/useToday'
import { addDays, dayKey, formatDay, formatShortDate, formatTime } from '../lib/time'
import { useTranslation } from 'react-i18next'

/** Today: the latest activity, open todos, tips, recent documents and a heatmap; a day filters the page. */
export function HomeScreen() {
  const { t } = useTranslation()
  const [day, setDay] = useState<number | null>(null)
  const today = useToday()
  const shownDay = day ?? today
  const latest = useCall('activities.latest', {})
  const dayActivities = useCall('activities.list', {
    from: shownDay,
    to: addDays(shownDay, 1),
    order: 'desc',
    limit: 5,
  })
  const todos = useCall('todos.list', {
    status: 'open',
    order: 'due',
    limit: 8,
    ...(day !== null ? { dueFrom: day, dueTo: addDays(day, 1) } : {}),
  })
  const documents = useCall('vaults.list', {
    limit: 6,
    ...(day !== null ? { from: day, to: addDays(day, 1) } : {}),
  })
  const client = useClient()
  const recentDocs = documents.data?.items.filter((item) => !item.isFolder) ?? []

  return (
    <section className="screen home" aria-labelledby="home-title">
      <header className="screen-header">
        <h1 id="home-title">
          {day === null ? t('nav.today') : <time dateTime={dayKey(day)}>{formatDay(day)}</time>}
        </h1>
        {day !== null && (
          <button type="button" onClick={() => setDay(null)}>
            {t('home.backToToday')}
          </button>
        )}
      </header>
      <section className="card" aria-labelledby="heatmap-title">
        <h2 id="heatmap-title">{t('home.activity')}</h2>
        <Heatmap selected={day} onSelect={setDay} />
      </section>
      <div className="two-columns">
        <section className="card" aria-labelledby="now-title">
          <h2 id="now-title">{day === null ? t('home.latestActivity') : t('home.activities')}</h2>
          {day === null && latest.data?.activity && (
            <p className="latest">
              <strong>{latest.data.activity.title}</strong>{' '}
              <span className="muted">
                {formatShortDate(latest.data.activity.startAt)} {formatTime(latest.data.activity.startAt)}
              </span>
              <span className="one-line muted">{latest.data.activity.content}</span>
            </p>
          )}
          {dayActivities.data && dayActivities.data.total === 0 && (
            <p className="empty">{t('home.nothingCaptured')}</p>
          )}
          <ul className="plain-list">
            {dayActivities.data?.items.map((activity) => (
              <li key={activity.id} className="list-row">
                <span className="one-line">{activity.title}</span>
                <span className="muted">{formatTime(activity.startAt)}</span>
              </li>
            ))}
          </ul>
          {(dayActivities.data?.total ?? 0) > 0 && (
            <Link to={`/timeline?day=${dayKey(shownDay)}`}>
              {t('home.allInTimeline', { count: dayActivities.data?.total ?? 0 })}
            </Link>
          )}
        </section>
        <section className="card" aria-labelledby="home-todos-title">
          <h2 id="home-todos-title">{t('home.openTodos')}</h2>
          {todos.data && todos.data.total === 0 && <p className="empty">{t('home.nothingOpen')}</p>}
          <ul className="plain-list">
            {todos.data?.items.map((todo) => (
              <li key={todo.id} className="list-row">
                <label className="check">
                  <input
                    type="checkbox"
                    onChange={() =>
                      void toggleTodo(client, todo).catch((error: unknown) => reportError(errorText(error)))
                    }
                  />
                  <span>{todo.content}</span>
                </label>
              </li>
            ))}
          </ul>
          <Link to="/todos">{t('home.allTodos')}</Link>
        </section>
        <CaptureStatusCard />
        <AiStatusCard />
        <TipsFeed />
        <section className="card" aria-labelledby="docs-title">
          <h2 id="docs-title">{t('home.recentDocuments')}</h2>
          {documents.isSuccess && recentDocs.length === 0 && <p className="empty">{t('home.noDocuments')}</p>}
          <ul className="plain-list">
            {recentDocs.map((doc) => (
              <li key={doc.id} className="list-row">
                <Link to={`/vaults/${doc.id}`}>{doc.title || t('common.untitled')}</Link>
                <span className="muted">{formatShortDate(doc.updatedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  )
}
