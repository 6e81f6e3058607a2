import { z } from 'zod'
import type { AppErrorShape } from '../../shared/contract/errors'
import { AppError } from '../../shared/contract/errors'

export function invalidInput(error: z.ZodError): AppErrorShape {
  const issues = error.issues.flatMap((issue) => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))
    // zod reports unknown fields at the object's path; name each one at its own path so the caller knows which.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: `Unknown field "${key}".` }))
    }
    return [{ path, message: issue.message }]
  })
  const first = issues[0]
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : ''
  return { code: 'INVALID_INPUT', message: `Invalid input. ${where}${first?.message ?? ''}`.trim(), issues }
}

interface SqliteLikeError {
  code: string
  message: string
}

function isSqliteError(error: unknown): error is SqliteLikeError {
  return (
    error instanceof Error &&
    error.name === 'SqliteError' &&
    typeof (error as { code?: unknown }).code === 'string'
  )
}

/** Known disk and lock conditions get a message a person can act on; anything else stays INTERNAL. */
function fromSqlite(error: SqliteLikeError): AppErrorShape | null {
  const code = error.code
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return {
      code: 'UNAVAILABLE',
      message: 'The database is busy with another program; try again in a moment.',
    }
  }
  if (code === 'SQLITE_FULL')
    return {
      code: 'UNAVAILABLE',
      message: 'The disk is full; nothing was saved. Free some space and try again.',
    }
  if (code.startsWith('SQLITE_READONLY')) {
    return {
      code: 'UNAVAILABLE',
      message: 'The database file is read-only; nothing was saved. Check the permissions of the data folder.',
    }
  }
  if (code.startsWith('SQLITE_IOERR'))
    return { code: 'UNAVAILABLE', message: 'The disk reported an error; nothing was saved.' }
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return { code: 'CONFLICT', message: 'That change conflicts with existing data.' }
  return null
}

export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape()
  if (error instanceof z.ZodError) return invalidInput(error)
  if (isSqliteError(error)) {
    const mapped = fromSqlite(error)
    if (mapped) return mapped
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Cairn; the details are in its log.' }
}
