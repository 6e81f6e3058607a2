import type { Activity } from '../../shared/contract/domains/activities'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { ServiceContext } from './context'
import {
  StatementCache,
  asStringArray,
  notFound,
  pagedList,
  parseJsonObject,
  required,
  writeTransaction,
} from './sql'

interface ActivityRow {
  id: number
  title: string
  content: string
  resources: string
  metadata: string
  start_at: number
  end_at: number
  created_at: number
}

const COLUMNS = 'id, title, content, resources, metadata, start_at, end_at, created_at'
/** The longest activity's span: the min/max optimisation reads it off the end of activities_by_span. */
export const LONGEST_SPAN = '(SELECT coalesce(max(end_at - start_at), 0) FROM activities)'

function toActivity(row: ActivityRow): Activity {
  const resources = parseJsonObject(row.resources)
  return {
    id: row.id,
    title: row.title,
    content: row.content,
    resources: {
      screenshots: asStringArray(resources.screenshots),
      urls: asStringArray(resources.urls),
    },
    metadata: parseJsonObject(row.metadata),
    startAt: row.start_at,
    endAt: row.end_at,
    createdAt: row.created_at,
  }
}

/**
 * Overlap with [from, to) as one range of the start index: nothing that started earlier than the longest
 * activity's span before `from` can reach it (the span is one seek of activities_by_span, migration 9).
 * Without the lower bound a day's page walked the index from the first activity ever recorded.
 */
export const OVERLAPS = `WHERE start_at >= @from - ${LONGEST_SPAN} AND start_at < @to AND end_at >= @from`

export class ActivityService {
  private readonly statements
  private readonly lists: StatementCache

  constructor(private readonly ctx: ServiceContext) {
    const { db } = ctx
    this.lists = new StatementCache(db)
    this.statements = {
      get: db.prepare<[number], ActivityRow>(`SELECT ${COLUMNS} FROM activities WHERE id = ?`),
      insert: db.prepare(
        `INSERT INTO activities (title, content, resources, metadata, start_at, end_at, created_at)
         VALUES (@title, @content, @resources, @metadata, @startAt, @endAt, @now)`,
      ),
      // By start time only: a range of the start index, cheap for any day (the overlap count is not).
      countStarting: db
        .prepare<Record<string, number>, number>(
          'SELECT count(*) FROM activities WHERE start_at >= @from AND start_at < @to',
        )
        .pluck(),
      latest: db.prepare<[], ActivityRow>(
        `SELECT ${COLUMNS} FROM activities ORDER BY start_at DESC, id DESC LIMIT 1`,
      ),
      delete: db.prepare('DELETE FROM activities WHERE id = ?'),
      startingIn: db.prepare<[number, number], ActivityRow>(
        `SELECT ${COLUMNS} FROM activities WHERE start_at >= ? AND start_at < ? ORDER BY start_at`,
      ),
      overlapping: db.prepare<Record<string, number>, ActivityRow>(
        `SELECT ${COLUMNS} FROM activities ${OVERLAPS} ORDER BY start_at LIMIT @limit`,
      ),
    }
  }

  /** The activity, or null when it is gone (background work that outlived it). */
  find(id: number): Activity | null {
    const row = this.statements.get.get(id)
    return row ? toActivity(row) : null
  }

  /** Activities that started in [from, to), oldest first: a day's report. */
  startingIn(from: number, to: number): Activity[] {
    return this.statements.startingIn.all(from, to).map(toActivity)
  }

  /** Up to `limit` activities overlapping [from, to], oldest first: what a tips window looks at. */
  overlapping(from: number, to: number, limit: number): Activity[] {
    return this.statements.overlapping.all({ from, to, limit }).map(toActivity)
  }

  create(input: MethodInput<'activities.create'>): MethodResult<'activities.create'> {
    const values = {
      title: input.title,
      content: input.content,
      resources: JSON.stringify(input.resources),
      metadata: JSON.stringify(input.metadata),
      startAt: input.startAt,
      endAt: input.endAt,
      now: this.ctx.clock.now(),
    }
    const id = writeTransaction(this.ctx.db, () => Number(this.statements.insert.run(values).lastInsertRowid))
    // The row as written, mapped as a read maps it (no second lookup).
    const activity = toActivity({
      id,
      title: values.title,
      content: values.content,
      resources: values.resources,
      metadata: values.metadata,
      start_at: values.startAt,
      end_at: values.endAt,
      created_at: values.now,
    })
    this.ctx.emit('activities.created', { activity })
    return activity
  }

  get(input: MethodInput<'activities.get'>): MethodResult<'activities.get'> {
    return toActivity(required(this.statements.get.get(input.id), 'activity', input.id))
  }

  list(input: MethodInput<'activities.list'>): MethodResult<'activities.list'> {
    const where = OVERLAPS
    const orderBy = input.order === 'asc' ? 'start_at, id' : 'start_at DESC, id DESC'
    const params = { from: input.from, to: input.to }
    return pagedList(
      this.lists,
      { from: 'activities', columns: COLUMNS, where, orderBy },
      params,
      input,
      toActivity,
    )
  }

  countByDay(input: MethodInput<'activities.countByDay'>): MethodResult<'activities.countByDay'> {
    const counts = input.boundaries
      .slice(1)
      .map((to, index) =>
        Number(this.statements.countStarting.get({ from: input.boundaries[index] ?? 0, to })),
      )
    return { counts }
  }

  latest(): MethodResult<'activities.latest'> {
    const row = this.statements.latest.get()
    return { activity: row ? toActivity(row) : null }
  }

  delete(input: MethodInput<'activities.delete'>): MethodResult<'activities.delete'> {
    const result = writeTransaction(this.ctx.db, () => this.statements.delete.run(input.id))
    if (result.changes === 0) throw notFound('activity', input.id)
    return { id: input.id, deleted: true }
  }
}
