import { inspect } from 'node:util'

/** One line of a log never grows past this: a runaway message cannot fill the disk or carry a whole image. */
export const MAX_LOG_TEXT = 4000

const REDACTED = '[redacted]'

type Replacer = (match: string, ...groups: string[]) => string

/**
 * Shapes of secrets that can turn up in an error message from anywhere (a provider echoing the request, a URL
 * with the host's token): each is replaced whatever value it carries. Known values are replaced as well.
 */
const SECRET_PATTERNS: readonly (readonly [RegExp, Replacer])[] = [
  // OpenAI-style keys (sk-…, sk-proj-…).
  [/\bsk-[A-Za-z0-9_-]{8,}/g, () => REDACTED],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, (_match, scheme) => `${scheme} ${REDACTED}`],
  // key=value and "key": "value" for the names secrets travel under.
  [
    /\b(api[_-]?key|x-api-key|access[_-]?token|token|authorization|password|secret)(["']?\s*[:=]\s*["']?)[^\s"'&,;]{4,}/gi,
    (_match, name, separator) => `${name}${separator}${REDACTED}`,
  ],
  // Pictures inline (a data: URL) and long base64 runs: screenshot bytes are never written to a log.
  [/data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/gi, () => '[inline image]'],
  [/[A-Za-z0-9+/]{200,}={0,2}/g, () => REDACTED],
]

/** Replaces secrets and screenshot content in text bound for a log file. */
export class LogRedactor {
  private readonly known = new Set<string>()

  /** A value that must never be written (an API key once read or saved). Short values are ignored. */
  addSecret(value: string): void {
    const trimmed = value.trim()
    if (trimmed.length >= 6) this.known.add(trimmed)
  }

  redactText(text: string): string {
    let result = text
    for (const secret of this.known) result = result.split(secret).join(REDACTED)
    for (const [pattern, replace] of SECRET_PATTERNS) {
      result = result.replace(pattern, (match: string, ...rest: unknown[]) =>
        replace(match, ...rest.filter((part): part is string => typeof part === 'string')),
      )
    }
    return result.length > MAX_LOG_TEXT ? `${result.slice(0, MAX_LOG_TEXT)}… [cut]` : result
  }

  /** One logged argument as safe text: binary data becomes its size, objects are inspected shallowly. */
  redactValue(value: unknown): string {
    if (typeof value === 'string') return this.redactText(value)
    if (value instanceof Error) return this.redactText(value.stack ?? `${value.name}: ${value.message}`)
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`
    return this.redactText(
      inspect(value, { depth: 3, maxArrayLength: 20, maxStringLength: 500, breakLength: Infinity }),
    )
  }
}
