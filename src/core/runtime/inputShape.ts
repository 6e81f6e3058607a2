import type { AppErrorShape } from '../../shared/contract/errors'

/**
 * How deep params may nest. Far beyond any real call (metadata a tool writes is a few levels deep), far below
 * what breaks the machinery: structured clone overflows its stack about 4,000 levels down (Worker.postMessage
 * throws), and SQLite's JSON functions refuse more than 1,000 levels (which surfaced as CONFLICT).
 */
export const MAX_INPUT_DEPTH = 64

/** A lone surrogate: with the `u` flag a well-formed pair is one code point and does not match. */
const LONE_SURROGATE = /\p{Cs}/u

interface Pending {
  value: object
  depth: number
  path: (string | number)[]
}

function refusal(path: (string | number)[], message: string): AppErrorShape {
  const where = path.length > 0 ? `${path.join('.')}: ` : ''
  return { code: 'INVALID_INPUT', message: `Invalid input. ${where}${message}`, issues: [{ path, message }] }
}

const TOO_DEEP = `nested more than ${MAX_INPUT_DEPTH} levels deep`
const ILL_FORMED = 'text with a lone surrogate (ill-formed UTF-16) cannot be stored as it is'

/**
 * Checks what no schema can: how deep the input nests, and that every string and key is well-formed UTF-16
 * (SQLite would store a lone surrogate as U+FFFD, changing the text silently). Walks without recursion, so a
 * hostile depth cannot overflow this check either. Null when the input is fine.
 */
export function checkInputShape(input: unknown): AppErrorShape | null {
  if (typeof input === 'string') return LONE_SURROGATE.test(input) ? refusal([], ILL_FORMED) : null
  if (typeof input !== 'object' || input === null) return null
  const stack: Pending[] = [{ value: input, depth: 1, path: [] }]
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.depth > MAX_INPUT_DEPTH) return refusal(next.path.slice(0, 8), TOO_DEEP)
    const entries: [string | number, unknown][] = Array.isArray(next.value)
      ? next.value.map((item, index): [number, unknown] => [index, item])
      : Object.entries(next.value)
    for (const [key, value] of entries) {
      if (typeof key === 'string' && LONE_SURROGATE.test(key))
        return refusal(next.path, `a field name has ${ILL_FORMED}`)
      if (typeof value === 'string') {
        if (LONE_SURROGATE.test(value)) return refusal([...next.path, key], ILL_FORMED)
      } else if (typeof value === 'object' && value !== null) {
        stack.push({ value, depth: next.depth + 1, path: [...next.path, key] })
      }
    }
  }
  return null
}
