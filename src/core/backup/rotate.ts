import type { BackupInfo } from '../../shared/contract/domains/backups'
import { DAY_MS } from '../platform/clock'

export interface RotationPolicy {
  keepDaily: number
  keepWeekly: number
}

const WEEK_MS = 7 * DAY_MS
/** 1970-01-01 was a Thursday; shifting by 3 days makes weeks start on Monday (UTC). */
const MONDAY_SHIFT = 3 * DAY_MS

/**
 * Grandfather-father-son rotation: the newest backup of each of the last `keepDaily` days that have one, and
 * the newest of each of the last `keepWeekly` weeks. Returns the backups to remove; `items` is newest first.
 */
export function backupsToRemove(items: readonly BackupInfo[], policy: RotationPolicy): BackupInfo[] {
  const keep = new Set<string>()
  const pick = (period: (time: number) => number, count: number): void => {
    const seen = new Set<number>()
    for (const item of items) {
      const key = period(item.createdAt)
      if (seen.has(key)) continue
      if (seen.size >= count) break
      seen.add(key)
      keep.add(item.name)
    }
  }
  pick((time) => Math.floor(time / DAY_MS), policy.keepDaily)
  pick((time) => Math.floor((time + MONDAY_SHIFT) / WEEK_MS), policy.keepWeekly)
  return items.filter((item) => !keep.has(item.name))
}
