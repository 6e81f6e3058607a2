const FILLER = new Set(['a', 'an', 'the', 'to', 'for', 'of', 'on', 'in', 'and', 'my', 'your', 'please'])

/** Lower case, letters and digits only, filler words dropped: "Email Bob the report!" → "email bob report". */
export function normaliseTodo(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word && !FILLER.has(word))
    .join(' ')
}

function similarity(a: string, b: string): number {
  const left = new Set(a.split(' '))
  const right = new Set(b.split(' '))
  let shared = 0
  for (const word of left) if (right.has(word)) shared += 1
  return shared / (left.size + right.size - shared || 1)
}

/**
 * Whether a proposed todo says the same as one already open: equal after normalising, or sharing at least
 * 70% of their words (Jaccard), which catches "email Bob the report" against "Email the report to Bob".
 */
export function isDuplicateTodo(candidate: string, existing: readonly string[]): boolean {
  const normal = normaliseTodo(candidate)
  if (!normal) return true
  return existing.some((other) => {
    const otherNormal = normaliseTodo(other)
    return otherNormal === normal || similarity(normal, otherNormal) >= 0.7
  })
}
