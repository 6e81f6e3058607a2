import { useState } from 'react'
import { useCall } from '../api/queries'
import { RetentionSetting } from '../components/RetentionSetting'
import { TimeChart } from '../components/TimeChart'
import { useTheme } from '../hooks/useTheme'
import { errorText } from '../lib/errors'
import { formatDateTime, formatMs, formatNumber } from '../lib/time'
import { useTranslation } from 'react-i18next'

const RANGES = [
  { label: 'monitoring.range24h', hours: 24, interval: 1 },
  { label: 'monitoring.range7d', hours: 24 * 7, interval: 6 },
  { label: 'monitoring.range30d', hours: 24 * 30, interval: 24 },
] as const

/** Monitoring: token usage per model, stage timings and data counts over 24 h / 7 d / 30 d; retention. */
export function MonitoringScreen() {
  const { t } = useTranslation()
  const theme = useTheme()
  const [rangeIndex, setRangeIndex] = useState(0)
  const range = RANGES[rangeIndex] ?? RANGES[0]
  const span = { hours: range.hours }
  const trend = (metric: 'tokens' | 'stageDuration' | 'data') =>
    ({ metric, window: span, intervalHours: range.interval }) as const
  const tokens = useCall('monitoring.trend', trend('tokens'))
  const durations = useCall('monitoring.trend', trend('stageDuration'))
  const data = useCall('monitoring.trend', trend('data'))
  const stages = useCall('monitoring.stageTiming', span)
  const stats = useCall('monitoring.dataStats', span)
  const jobs = useCall('jobs.list', {})
  const prune = jobs.data?.jobs.find((job) => job.name === 'monitoring.prune')

  const stageRows = new Map<string, { count: number; total: number; max: number; errors: number }>()
  for (const row of stages.data?.rows ?? []) {
    const entry = stageRows.get(row.stageName) ?? { count: 0, total: 0, max: 0, errors: 0 }
    entry.count += row.count
    entry.total += row.totalDurationMs
    entry.max = Math.max(entry.max, row.maxDurationMs)
    entry.errors += row.errorCount
    stageRows.set(row.stageName, entry)
  }
  const dataTotals = new Map<string, number>()
  for (const row of stats.data?.rows ?? [])
    dataTotals.set(row.dataType, (dataTotals.get(row.dataType) ?? 0) + row.count)
  const failure = [tokens, durations, data, stages, stats].find((query) => query.error)?.error

  return (
    <section className="screen" aria-labelledby="monitoring-title">
      <header className="screen-header">
        <h1 id="monitoring-title">{t('monitoring.title')}</h1>
        <div className="segmented" role="radiogroup" aria-label={t('monitoring.period')}>
          {RANGES.map((item, index) => (
            <button
              key={item.label}
              type="button"
              role="radio"
              aria-checked={index === rangeIndex}
              onClick={() => setRangeIndex(index)}
            >
              {t(item.label)}
            </button>
          ))}
        </div>
      </header>
      {failure && <p className="inline-error">{errorText(failure)}</p>}
      <div className="chart-grid">
        <TimeChart label={t('monitoring.tokens')} points={tokens.data?.points ?? []} unit="" theme={theme} />
        <TimeChart
          label={t('monitoring.stageTime')}
          points={durations.data?.points ?? []}
          unit=""
          theme={theme}
        />
        <TimeChart
          label={t('monitoring.dataCaptured')}
          points={data.data?.points ?? []}
          unit=""
          theme={theme}
        />
      </div>
      <div className="two-columns">
        <section aria-labelledby="stages-title" className="card">
          <h2 id="stages-title">{t('monitoring.stages')}</h2>
          {stageRows.size === 0 ? (
            <p className="empty">{t('monitoring.noStage')}</p>
          ) : (
            <table className="table" aria-label={t('monitoring.stageTimings')}>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.stage')}</th>
                  <th scope="col">{t('monitoring.runs')}</th>
                  <th scope="col">{t('monitoring.average')}</th>
                  <th scope="col">{t('monitoring.max')}</th>
                  <th scope="col">{t('monitoring.errors')}</th>
                </tr>
              </thead>
              <tbody>
                {[...stageRows].map(([name, row]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>{formatNumber(row.count)}</td>
                    <td>{formatMs(Math.round(row.total / Math.max(1, row.count)))}</td>
                    <td>{formatMs(row.max)}</td>
                    <td className={row.errors > 0 ? 'bad' : undefined}>{formatNumber(row.errors)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="counts-title" className="card">
          <h2 id="counts-title">{t('monitoring.dataCounts')}</h2>
          {dataTotals.size === 0 ? (
            <p className="empty">{t('monitoring.nothingCounted')}</p>
          ) : (
            <dl className="stats">
              {[...dataTotals].map(([type, count]) => (
                <div key={type}>
                  <dt>{type}</dt>
                  <dd>{formatNumber(count)}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      </div>
      <section aria-labelledby="retention-title" className="card">
        <h2 id="retention-title">{t('monitoring.retention')}</h2>
        <RetentionSetting />
        <p className="muted" data-testid="prune-run">
          {prune?.lastRun
            ? prune.lastRun.ok
              ? t('monitoring.lastPruned', { date: formatDateTime(prune.lastRun.finishedAt) })
              : t('monitoring.lastPruneFailed', {
                  date: formatDateTime(prune.lastRun.finishedAt),
                  error: prune.lastRun.error ?? '',
                })
            : t('monitoring.neverPruned')}
          {prune?.nextRunAt ? t('monitoring.nextPrune', { date: formatDateTime(prune.nextRunAt) }) : ''}
        </p>
      </section>
    </section>
  )
}
