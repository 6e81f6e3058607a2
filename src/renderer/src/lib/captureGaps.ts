import type { CaptureGap } from '../../../shared/contract/domains/capture'
import { i18next } from '../i18nCore'
import { translatedCaptureReason } from './captureReason'

const OUTCOME_WORDS = {
  paused: 'gaps.wordPaused',
  excluded: 'gaps.wordExcluded',
  failed: 'gaps.wordFailed',
  none: 'gaps.wordNone',
} as const satisfies Record<CaptureGap['outcome'], string>

/** A gap's reason as a person reads it: "paused: screen locked", "capture failed: no display". */
export function gapWords(gap: Pick<CaptureGap, 'outcome' | 'reason'>): string {
  const outcome = i18next.t(OUTCOME_WORDS[gap.outcome])
  return gap.reason && gap.outcome !== 'none'
    ? i18next.t('gaps.withReason', { outcome, reason: translatedCaptureReason(gap.reason) ?? gap.reason })
    : outcome
}

/**
 * Why nothing was recorded between two activities: the capture gap that covers most of [from, to), or null
 * when capture ran through it (the AI simply made no activity of that time).
 */
export function gapReasonBetween(gaps: readonly CaptureGap[], from: number, to: number): string | null {
  let best: CaptureGap | null = null
  let bestOverlap = 0
  for (const gap of gaps) {
    const overlap = Math.min(gap.to, to) - Math.max(gap.from, from)
    if (overlap > bestOverlap) {
      best = gap
      bestOverlap = overlap
    }
  }
  // A sliver of a gap does not explain a long silence.
  return best && bestOverlap >= (to - from) / 2 ? gapWords(best) : null
}
