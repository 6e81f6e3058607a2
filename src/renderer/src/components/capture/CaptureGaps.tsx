import '../../styles/capture.css'
import type { CaptureGap } from '../../../../shared/contract/domains/capture'
import { useCall } from '../../api/queries'
import { gapReasonBetween } from '../../lib/captureGaps'
import { formatDuration, formatTime } from '../../lib/time'

/** Gaps shorter than this are ordinary (one paused tick); the list is for time a person would miss. */
const SHOWN_FROM_MS = 60_000

const OUTCOME_LABELS: Record<CaptureGap['outcome'], string> = {
  paused: 'Paused',
  excluded: 'Not stored (privacy)',
  failed: 'Capture failed',
  none: 'Nothing recorded',
}

/** Why capture kept nothing between two moments of the day, for the gap markers between activities. */
export function useGapReason(from: number, to: number): (start: number, end: number) => string | null {
  const gaps = useCall('capture.gaps', { from, to })
  const list = gaps.data?.gaps ?? []
  return (start, end) => gapReasonBetween(list, start, end)
}

/** The spans of a day in which no screenshot was kept, with why: paused, locked, excluded, failed... */
export function CaptureGaps({ from, to }: { from: number; to: number }) {
  const gaps = useCall('capture.gaps', { from, to })
  const shown = gaps.data?.gaps.filter((gap) => gap.to - gap.from >= SHOWN_FROM_MS) ?? []
  if (shown.length === 0) return null
  return (
    <details className="capture-gaps" data-testid="capture-gaps">
      <summary>
        {shown.length} {shown.length === 1 ? 'gap' : 'gaps'} in capture
        {gaps.data?.truncated ? ' (the first 500)' : ''}
      </summary>
      <ul className="plain-list">
        {shown.map((gap) => (
          <li key={`${gap.from}-${gap.outcome}`} className="list-row" data-testid="capture-gap">
            <span>
              {formatTime(gap.from)}–{formatTime(gap.to)}{' '}
              <span className="muted">({formatDuration(gap.to - gap.from)})</span>
            </span>
            <span>
              <strong>{OUTCOME_LABELS[gap.outcome]}</strong>
              {gap.reason && <span className="muted"> · {gap.reason}</span>}
            </span>
          </li>
        ))}
      </ul>
    </details>
  )
}
