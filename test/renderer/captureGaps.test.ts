import { afterEach, describe, expect, it } from 'vitest'
import { i18next } from '../../src/renderer/src/i18nCore'
import { CAPTURE_REASONS } from '../../src/shared/captureReasons'
import { gapReasonBetween, gapWords } from '../../src/renderer/src/lib/captureGaps'
import type { CaptureGap } from '../../src/shared/contract/domains/capture'

const MIN = 60_000
const gap = (from: number, to: number, outcome: CaptureGap['outcome'], reason: string): CaptureGap => ({
  from: from * MIN,
  to: to * MIN,
  outcome,
  reason,
})

describe('capture gaps on the Timeline', () => {
  afterEach(async () => {
    await i18next.changeLanguage('en')
  })

  it('says why in words', () => {
    expect(gapWords({ outcome: 'paused', reason: 'screen locked' })).toBe('paused: screen locked')
    expect(gapWords({ outcome: 'excluded', reason: 'excluded by app "bitwarden"' })).toBe(
      'not stored for privacy: excluded by app "bitwarden"',
    )
    expect(gapWords({ outcome: 'none', reason: 'nothing recorded (Cairn was not running)' })).toBe(
      'nothing recorded',
    )
  })

  it('says the known reasons in the interface’s language, and the core’s own words as written', async () => {
    await i18next.changeLanguage('zh-CN')
    expect(gapWords({ outcome: 'paused', reason: CAPTURE_REASONS.screenLocked })).toContain('屏幕已锁定')
    expect(gapWords({ outcome: 'paused', reason: CAPTURE_REASONS.outsideHours })).not.toContain('outside')
    expect(gapWords({ outcome: 'failed', reason: 'X11: cannot open display :0' })).toContain(
      'X11: cannot open display :0',
    )
  })

  it('explains the silence between two activities by the gap covering most of it, if any', () => {
    const gaps = [gap(0, 5, 'failed', 'no display'), gap(10, 40, 'paused', 'screen locked')]
    expect(gapReasonBetween(gaps, 8 * MIN, 45 * MIN)).toBe('paused: screen locked')
    // Capture ran through most of it: the gap is the AI's, not capture's, and no reason is claimed.
    expect(gapReasonBetween(gaps, 0, 70 * MIN)).toBeNull()
    expect(gapReasonBetween([], 0, 60 * MIN)).toBeNull()
  })
})
