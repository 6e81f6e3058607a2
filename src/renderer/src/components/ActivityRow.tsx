import type { Activity } from '../../../shared/contract/domains/activities'
import { formatDuration, formatTime } from '../lib/time'
import { Screenshot } from './Screenshot'
import { useTranslation } from 'react-i18next'

/** A gap this long between two activities is shown: an honest timeline says when nothing was captured. */
const GAP_MS = 15 * 60_000

export function ActivityRow({
  activity,
  previous,
  gapReason,
  found = false,
  onOpen,
}: {
  activity: Activity
  /** The activity open in the detail pane (from a search hit or a click): marked in the list. */
  found?: boolean
  /** Opens the activity's detail pane (Enter on the focused row does the same). */
  onOpen?: () => void
  previous?: Activity
  /** Why capture kept nothing in the gap before this activity (paused: screen locked...), when known. */
  gapReason?: (from: number, to: number) => string | null
}) {
  const { t } = useTranslation()
  const gap = previous ? activity.startAt - previous.endAt : 0
  const reason = previous && gap >= GAP_MS ? (gapReason?.(previous.endAt, activity.startAt) ?? null) : null
  return (
    <div
      className={found ? 'activity-row found' : 'activity-row'}
      data-testid="activity-row"
      aria-current={found ? 'true' : undefined}
    >
      <span className="activity-time">
        {formatTime(activity.startAt)}–{formatTime(activity.endAt)}
        {gap >= GAP_MS && (
          <span className="gap">
            {reason
              ? t('timeline.gapBeforeWhy', { duration: formatDuration(gap), reason })
              : t('timeline.gapBefore', { duration: formatDuration(gap) })}
          </span>
        )}
      </span>
      <span className="activity-body">
        {onOpen ? (
          <button type="button" className="activity-open" onClick={onOpen} tabIndex={-1}>
            <strong>{activity.title}</strong>
          </button>
        ) : (
          <strong>{activity.title}</strong>
        )}
        <span className="muted one-line">{activity.content}</span>
      </span>
      <span className="thumbs">
        {activity.resources.screenshots.slice(0, 3).map((source) => (
          <Screenshot key={source} source={source} label={activity.title} />
        ))}
      </span>
    </div>
  )
}
