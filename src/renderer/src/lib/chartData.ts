import type uPlot from 'uplot'

export interface Point {
  time: number
  key: string
  value: number
}

/** Trend points (time, key, value) as uPlot's aligned columns: one x axis, one series per key. */
export function alignPoints(points: Point[]): { keys: string[]; data: uPlot.AlignedData } {
  const times = [...new Set(points.map((point) => point.time))].sort((a, b) => a - b)
  const keys = [...new Set(points.map((point) => point.key))].sort()
  const column = new Map(times.map((time, index) => [time, index]))
  const series = keys.map(() => times.map(() => 0))
  for (const point of points) {
    const row = series[keys.indexOf(point.key)]
    const at = column.get(point.time)
    if (row && at !== undefined) row[at] = point.value
  }
  return { keys, data: [times.map((time) => time / 1000), ...series] }
}
