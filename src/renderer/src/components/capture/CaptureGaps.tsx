import '../../styles/capture.css'
import type { CaptureGap } from '../../../../shared/contract/domains/capture'
import { useCall } from '../../api/queries'
import { gapReasonBetween } from '../../lib/captureGaps'
import { formatDuration, formatTime } from '../../lib/time'
import { useTranslation } from 'react-i18next'
import { CaptureReason } from './CaptureReason'

/** Gaps shorter than this are ordinary (one paused tick); the list is for time a person would miss. */
const SHOWN_FROM_MS = 60_000

const OUTCOME_LABELS = {
  paused: 'gaps.paused',
  excluded: 'gaps.excluded',
  failed: 'gaps.failed',
  none: 'gaps.none',
} as const satisfies Record<CaptureGap['outcome'], string>

/** Why capture kept nothing between two moments of the day, for the gap markers between activities. */
export function useGapReason(from: number, to: number): (start: number, end: number) => string | null {
  const gaps = useCall('capture.gaps', { from, to })
  const list = gaps.data?.gaps ?? []
  return (start, end) => gapReasonBetween(list, start, end)
}

/** The spans of a day in which no screenshot was kept, with why: paused, locked, excluded, failed... */
export function CaptureGaps({ from, to }: { from: number; to: number }) {
  const { t } = useTranslation()
  const gaps = useCall('capture.gaps', { from, to })
  const shown = gaps.data?.gaps.filter((gap) => gap.to - gap.from >= SHOWN_FROM_MS) ?? []
  if (shown.length === 0) return null
  return (
    <details className="capture-gaps" data-testid="capture-gaps">
      <summary>
        {t('gaps.summary', { count: shown.length })}
        {gaps.data?.truncated ? t('gaps.truncated') : ''}
      </summary>
      <ul className="plain-list">
        {shown.map((gap) => (
          <li key={`${gap.from}-${gap.outcome}`} className="list-row" data-testid="capture-gap">
            <span>
              {formatTime(gap.from)}–{formatTime(gap.to)}{' '}
              <span className="muted">({formatDuration(gap.to - gap.from)})</span>
            </span>
            <span>
              <strong>{t(OUTCOME_LABELS[gap.outcome])}</strong>
              {gap.reason && (
                <span className="muted">
                  {' · '}
                  <CaptureReason text={gap.reason} />
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </details>
  )
}
