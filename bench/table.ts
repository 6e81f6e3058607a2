export type Align = 'left' | 'right'

export interface Column {
  title: string
  align: Align
}

/** A plain-text table with a rule under the header; a row of one empty-titled cell prints as a section line. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) =>
    Math.max(
      column.title.length,
      ...rows.map((row) => (row.length === columns.length ? (row[index] ?? '').length : 0)),
    ),
  )
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? cell.length
        return columns[index]?.align === 'right' ? cell.padStart(width) : cell.padEnd(width)
      })
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [
    line(columns.map((column) => column.title)),
    rule,
    ...rows.map((row) => (row.length === columns.length ? line(row) : row.join(' '))),
  ].join('\n')
}

/** Milliseconds with about three significant digits. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—'
  if (value < 1) return value.toFixed(3)
  if (value < 10) return value.toFixed(2)
  if (value < 100) return value.toFixed(1)
  return value.toFixed(0)
}

export function perSecond(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—'
}

/** How many times the cost of the ceiling; 1.00× means no overhead at all. */
export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '—'
}

export const count = (value: number): string => value.toLocaleString('en-US')
