import { DAY_MS, HOUR_MS } from '../platform/clock'
import type { MonitoringService } from '../services/monitoring'
import type { SettingsService } from '../services/settings'
import type { JobDefinition } from './scheduler'

/** Deletes monitoring buckets older than `monitoring.retentionDays`, at start-up and every hour. */
export function monitoringPruneJob(monitoring: MonitoringService, settings: SettingsService): JobDefinition {
  return {
    name: 'monitoring.prune',
    description: 'Deletes monitoring buckets older than the retention setting.',
    intervalMs: HOUR_MS,
    runAtStartup: true,
    run(now) {
      const retentionDays = settings.value('monitoring.retentionDays')
      const cutoff = now - retentionDays * DAY_MS
      const removed = monitoring.prune(cutoff)
      return {
        retentionDays,
        cutoff,
        removed: removed.tokenUsage + removed.stageTiming + removed.dataStats,
        tokenUsage: removed.tokenUsage,
        stageTiming: removed.stageTiming,
        dataStats: removed.dataStats,
      }
    },
  }
}
