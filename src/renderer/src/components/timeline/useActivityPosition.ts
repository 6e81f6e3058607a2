import { useCall } from '../../api/queries'

/**
 * Where an activity sits in a day's list (activities overlapping the day, by start), so the Timeline can
 * scroll to the one a search hit opened: the count of those that started before it, one cheap call. Ties on
 * the start may put it a row or two off; the row itself is marked by its id. Null until known.
 */
export function useActivityPosition(id: number | null, day: number): number | null {
  const activity = useCall('activities.get', { id: id ?? 1 }, { enabled: id !== null })
  const startAt = activity.data?.startAt
  const startsLater = startAt !== undefined && startAt > day
  const before = useCall(
    'activities.list',
    { from: day, to: startsLater ? startAt : day + 1, limit: 1 },
    { enabled: id !== null && startsLater },
  )
  if (id === null || startAt === undefined) return null
  if (!startsLater) return 0
  return before.data?.total ?? null
}
