import type Database from 'better-sqlite3'
import type { JsonObject } from '../../shared/contract/common'
import { AppError } from '../../shared/contract/errors'

type Immediate = (work: () => unknown) => unknown
const immediateRunners = new WeakMap<Database.Database, Immediate>()

/**
 * Runs `work` in a BEGIN IMMEDIATE transaction so a write never fails half-way on a lock upgrade (inside
 * another transaction, in a savepoint). One wrapper per connection: better-sqlite3's `db.transaction(fn)`
 * builds four wrapped functions and their properties at every call, a tenth of a small insert's time.
 */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  let run = immediateRunners.get(db)
  if (!run) {
    run = db.transaction((next: () => unknown) => next()).immediate as Immediate
    immediateRunners.set(db, run)
  }
  return run(work) as T
}

export function notFound(kind: string, id: number): AppError {
  return new AppError('NOT_FOUND', `No ${kind} with id ${id}.`)
}

export function required<T>(row: T | undefined, kind: string, id: number): T {
  if (row === undefined) throw notFound(kind, id)
  return row
}

export function parseJsonObject(text: string): JsonObject {
  const value: unknown = JSON.parse(text)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  return value as JsonObject
}

export function asStringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

export function parseStringArray(text: string): string[] {
  return asStringArray(JSON.parse(text))
}

export const toBool = (value: number): boolean => value === 1
export const fromBool = (value: boolean): number => (value ? 1 : 0)

/**
 * Statements whose WHERE clause is assembled from fixed fragments (filters that may be absent) are prepared
 * once per distinct shape and reused; values are always bound, never spliced in.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>()

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

export type FilterValue = number | string | null

/**
 * A WHERE clause from fixed fragments, each naming one bound parameter (`'due_at < @dueTo'`), kept only when
 * its value is given (undefined drops it; null is a value). Input never becomes SQL text.
 */
export function whereClause(conditions: Record<string, FilterValue | undefined>): {
  clause: string
  params: Record<string, FilterValue>
} {
  const fragments: string[] = []
  const params: Record<string, FilterValue> = {}
  for (const [fragment, value] of Object.entries(conditions)) {
    if (value === undefined) continue
    const name = /@(\w+)/.exec(fragment)?.[1]
    if (!name) throw new Error(`Filter fragment without a parameter: ${fragment}`)
    fragments.push(fragment)
    params[name] = value
  }
  return { clause: fragments.length > 0 ? `WHERE ${fragments.join(' AND ')}` : '', params }
}

export interface PageQuery {
  /** The table (or join) the rows come from, and the columns of a row. */
  from: string
  columns: string
  /** A WHERE clause of fixed fragments (whereClause), or '' for every row. */
  where: string
  orderBy: string
}

/**
 * One page of a list and how many rows the same filter matches: the `{ items, total }` answer of the `*.list`
 * methods that count. Both statements are built from fixed text and prepared once per shape; values are bound.
 */
export function pagedList<Row, Item>(
  statements: StatementCache,
  query: PageQuery,
  params: Record<string, FilterValue>,
  page: { limit: number; offset: number },
  toItem: (row: Row) => Item,
): { items: Item[]; total: number } {
  const { from, columns, where, orderBy } = query
  const rows = statements
    .get(`SELECT ${columns} FROM ${from} ${where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: page.limit, offset: page.offset }) as Row[]
  const total = statements.get(`SELECT count(*) FROM ${from} ${where}`).pluck().get(params) as number
  return { items: rows.map(toItem), total: Number(total) }
}
