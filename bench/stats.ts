import { performance } from 'node:perf_hooks'

export interface Latency {
  kind: 'latency'
  /** Milliseconds. */
  p50: number
  p99: number
  max: number
  samples: number
}

export interface Rate {
  kind: 'rate'
  perSecond: number
  samples: number
}

export type Measurement = Latency | Rate

/** Nearest-rank percentile of samples sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    kind: 'latency',
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    samples: sorted.length,
  }
}

export interface Plan {
  warmup: number
  iterations: number
}

/** Runs `operation` warmup times unmeasured, then `iterations` times, timing each call. */
export function sampleSync(plan: Plan, operation: (index: number) => void): number[] {
  for (let index = 0; index < plan.warmup; index += 1) operation(index)
  const samples: number[] = []
  for (let index = 0; index < plan.iterations; index += 1) {
    const start = performance.now()
    operation(plan.warmup + index)
    samples.push(performance.now() - start)
  }
  return samples
}

export async function sampleAsync(
  plan: Plan,
  operation: (index: number) => Promise<void>,
): Promise<number[]> {
  for (let index = 0; index < plan.warmup; index += 1) await operation(index)
  const samples: number[] = []
  for (let index = 0; index < plan.iterations; index += 1) {
    const start = performance.now()
    await operation(plan.warmup + index)
    samples.push(performance.now() - start)
  }
  return samples
}

/** Operations per second over the whole measured run (the sum of the timed calls). */
export function rate(samples: readonly number[]): Rate {
  const totalMs = samples.reduce((sum, value) => sum + value, 0)
  return {
    kind: 'rate',
    perSecond: totalMs > 0 ? (samples.length * 1000) / totalMs : Number.POSITIVE_INFINITY,
    samples: samples.length,
  }
}
