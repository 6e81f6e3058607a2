import type { HeavyCall, StallResult } from './stall'
import type { Latency, Rate } from './stats'
import type { SuiteResult } from './suite'
import type { Column } from './table'
import { formatTable, ms, perSecond, times } from './table'
import { COMMON_SHARE, COMMON_TERM, RARE_COUNT, RARE_TERM } from './text'

const COMPARISON_COLUMNS: Column[] = [
  { title: 'operation', align: 'left' },
  { title: 'unit', align: 'left' },
  { title: 'Cairn dispatch', align: 'right' },
  { title: 'Cairn via worker', align: 'right' },
  { title: 'bare ceiling', align: 'right' },
  { title: 'dispatch/bare', align: 'right' },
  { title: 'worker/bare', align: 'right' },
]

function rateRow(label: string, dispatch: Rate, worker: Rate, bare: Rate): string[] {
  return [
    label,
    'rows/s',
    perSecond(dispatch.perSecond),
    perSecond(worker.perSecond),
    perSecond(bare.perSecond),
    // Cost ratio: time per row of Cairn over time per row of the ceiling.
    times(bare.perSecond / dispatch.perSecond),
    times(bare.perSecond / worker.perSecond),
  ]
}

type Statistic = 'p50' | 'p99' | 'max'

function latencyRows(
  label: string,
  dispatch: Latency,
  worker: Latency,
  bare: Latency,
  statistics: readonly Statistic[] = ['p50', 'p99'],
): string[][] {
  return statistics.map((p, index) => [
    index === 0 ? label : '',
    `${p} ms`,
    ms(dispatch[p]),
    ms(worker[p]),
    ms(bare[p]),
    times(dispatch[p] / bare[p]),
    times(worker[p] / bare[p]),
  ])
}

export function comparisonTable(
  dispatch: SuiteResult,
  worker: SuiteResult,
  bare: SuiteResult,
  typedPrefix: Latency,
): string {
  const common = `${Math.round(COMMON_SHARE * 100)}%`
  return formatTable(COMPARISON_COLUMNS, [
    rateRow('insert a message (one transaction each)', dispatch.insert, worker.insert, bare.insert),
    ...latencyRows('  each insert', dispatch.insertLatency, worker.insertLatency, bare.insertLatency, [
      'p50',
      'p99',
      'max',
    ]),
    ...latencyRows('last 200 messages of a conversation', dispatch.last200, worker.last200, bare.last200),
    ...latencyRows(
      `search rare term "${RARE_TERM}" (${RARE_COUNT} hits), newest 20`,
      dispatch.searchRare,
      worker.searchRare,
      bare.searchRare,
    ),
    ...latencyRows(
      `search common term "${COMMON_TERM}" (${common}), newest 20`,
      dispatch.searchCommon,
      worker.searchCommon,
      bare.searchCommon,
    ),
    [
      '  the same word while typed ("projec"*), prefix merge',
      'p50 ms',
      '—',
      '—',
      ms(typedPrefix.p50),
      '',
      '',
    ],
    ['', 'p99 ms', '—', '—', ms(typedPrefix.p99), '', ''],
    rateRow(
      'monitoring token-usage UPSERT (one transaction each)',
      dispatch.upsert,
      worker.upsert,
      bare.upsert,
    ),
  ])
}

export function roundTripTable(inProcess: Latency, worker: Latency): string {
  return formatTable(
    [
      { title: 'trivial call (conversations.get)', align: 'left' },
      { title: 'p50 ms', align: 'right' },
      { title: 'p99 ms', align: 'right' },
    ],
    [
      ['in-process (await connectInProcess)', ms(inProcess.p50), ms(inProcess.p99)],
      ['through the worker (postMessage)', ms(worker.p50), ms(worker.p99)],
      ['added by the worker hop', ms(worker.p50 - inProcess.p50), ms(worker.p99 - inProcess.p99)],
    ],
  )
}

export function stallTable(
  calls: readonly HeavyCall[],
  inProcess: readonly StallResult[],
  worker: readonly StallResult[],
): string {
  return formatTable(
    [
      { title: 'heavy call', align: 'left' },
      { title: 'in-process: call ms', align: 'right' },
      { title: 'worst stall ms', align: 'right' },
      { title: 'worker: call ms', align: 'right' },
      { title: 'worst stall ms', align: 'right' },
    ],
    calls.map((call, index) => [
      call.label,
      ms(inProcess[index]?.durationMs ?? Number.NaN),
      ms(inProcess[index]?.worstStallMs ?? Number.NaN),
      ms(worker[index]?.durationMs ?? Number.NaN),
      ms(worker[index]?.worstStallMs ?? Number.NaN),
    ]),
  )
}
