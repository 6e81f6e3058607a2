import fs from 'node:fs'

export interface Budget {
  coreP50: number | null
  coreP99: number | null
  stallP99: number | null
}

const cell = (text: string | undefined): number | null => {
  const value = Number((text ?? '').trim())
  return text === undefined || text.trim() === '–' || !Number.isFinite(value) ? null : value
}

/** Reads the budget table of docs/PERFORMANCE.md: the document is the single place the budgets live. */
export function readBudgets(file: string): { byMethod: Map<string, Budget>; fallback: Budget } {
  const byMethod = new Map<string, Budget>()
  let fallback: Budget | null = null
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').slice(1, -1)
    const name = /^\s*`([^`]+)`/.exec(cells[0] ?? '')?.[1]
    if (!name || cells.length < 4) continue
    const budget = { coreP50: cell(cells[1]), coreP99: cell(cells[2]), stallP99: cell(cells[3]) }
    if (name === '*') fallback = budget
    else byMethod.set(name, budget)
  }
  if (!fallback) throw new Error(`${file} has no budget row for \`*\``)
  return { byMethod, fallback }
}
