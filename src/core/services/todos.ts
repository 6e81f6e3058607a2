import type { Todo } from '../../shared/contract/domains/todos'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import { AppError } from '../../shared/contract/errors'
import type { ServiceContext } from './context'
import { StatementCache, pagedList, required, whereClause, writeTransaction } from './sql'

interface TodoRow {
  id: number
  content: string
  status: string
  urgency: number
  assignee: string
  reason: string
  due_at: number | null
  start_at: number | null
  end_at: number | null
  source_activity_id: number | null
  created_at: number
  updated_at: number
}

const COLUMNS =
  'id, content, status, urgency, assignee, reason, due_at, start_at, end_at, source_activity_id, created_at, updated_at'

function toTodo(row: TodoRow): Todo {
  return {
    id: row.id,
    content: row.content,
    status: row.status as Todo['status'],
    urgency: row.urgency,
    assignee: row.assignee,
    reason: row.reason,
    dueAt: row.due_at,
    startAt: row.start_at,
    endAt: row.end_at,
    sourceActivityId: row.source_activity_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export class TodoService {
  private readonly statements
  private readonly filtered: StatementCache

  constructor(private readonly ctx: ServiceContext) {
    const { db } = ctx
    this.filtered = new StatementCache(db)
    this.statements = {
      get: db.prepare<[number], TodoRow>(`SELECT ${COLUMNS} FROM todos WHERE id = ?`),
      activityExists: db.prepare<[number], number>('SELECT 1 FROM activities WHERE id = ?').pluck(),
      insert: db.prepare(
        `INSERT INTO todos (content, urgency, assignee, reason, due_at, start_at, source_activity_id, created_at, updated_at)
         VALUES (@content, @urgency, @assignee, @reason, @dueAt, @startAt, @sourceActivityId, @now, @now)`,
      ),
      update: db.prepare(
        `UPDATE todos SET content = @content, urgency = @urgency, assignee = @assignee, reason = @reason, due_at = @dueAt,
           start_at = @startAt, source_activity_id = @sourceActivityId, updated_at = @now WHERE id = @id`,
      ),
      setStatus: db.prepare('UPDATE todos SET status = ?, end_at = ?, updated_at = ? WHERE id = ?'),
      delete: db.prepare('DELETE FROM todos WHERE id = ?'),
      openContents: db
        .prepare<[number], string>(`SELECT content FROM todos WHERE status = 'open' ORDER BY id DESC LIMIT ?`)
        .pluck(),
      ofDay: db.prepare<[number, number, number, number, number], { content: string; status: string }>(
        `SELECT content, status FROM todos WHERE (created_at >= ? AND created_at < ?) OR (status = 'done' AND updated_at >= ? AND updated_at < ?)
         ORDER BY id LIMIT ?`,
      ),
      typedIn: db.prepare<[number, number, number], { at: number; content: string }>(
        `SELECT created_at AS at, substr(content, 1, 200) AS content FROM todos
         WHERE source_activity_id IS NULL AND created_at >= ? AND created_at < ? ORDER BY at LIMIT ?`,
      ),
    }
  }

  /** The text of the newest `limit` open todos, newest first: what a proposed todo must not repeat. */
  openContents(limit: number): string[] {
    return this.statements.openContents.all(limit)
  }

  /** Todos added in [from, to) or done in it, oldest first, at most `limit`: a day's report. */
  ofDay(from: number, to: number, limit: number): { content: string; status: string }[] {
    return this.statements.ofDay.all(from, to, from, to, limit)
  }

  /** Todos the person added by hand in [from, to) (first 200 characters), oldest first. */
  typedIn(from: number, to: number, limit: number): { at: number; content: string }[] {
    return this.statements.typedIn.all(from, to, limit)
  }

  private load(id: number): Todo {
    return toTodo(required(this.statements.get.get(id), 'todo', id))
  }

  private requireActivity(id: number | null | undefined): void {
    if (id === null || id === undefined) return
    if (!this.statements.activityExists.get(id)) throw new AppError('NOT_FOUND', `No activity with id ${id}.`)
  }

  private changed(action: 'created' | 'updated', todo: Todo): Todo {
    this.ctx.emit('todos.changed', { action, id: todo.id, todo })
    return todo
  }

  create(input: MethodInput<'todos.create'>): MethodResult<'todos.create'> {
    const values = {
      content: input.content,
      urgency: input.urgency ?? 0,
      assignee: input.assignee ?? '',
      reason: input.reason ?? '',
      dueAt: input.dueAt ?? null,
      startAt: input.startAt ?? null,
      sourceActivityId: input.sourceActivityId ?? null,
      now: this.ctx.clock.now(),
    }
    const id = writeTransaction(this.ctx.db, () => {
      this.requireActivity(input.sourceActivityId)
      return Number(this.statements.insert.run(values).lastInsertRowid)
    })
    // The row as written (status and end_at take the table's defaults), mapped as a read maps it.
    const row: TodoRow = {
      id,
      content: values.content,
      status: 'open',
      urgency: values.urgency,
      assignee: values.assignee,
      reason: values.reason,
      due_at: values.dueAt,
      start_at: values.startAt,
      end_at: null,
      source_activity_id: values.sourceActivityId,
      created_at: values.now,
      updated_at: values.now,
    }
    return this.changed('created', toTodo(row))
  }

  get(input: MethodInput<'todos.get'>): MethodResult<'todos.get'> {
    return this.load(input.id)
  }

  list(input: MethodInput<'todos.list'>): MethodResult<'todos.list'> {
    // Written in the terms of the todos_in_list_order index (migration 5) so a page walks it instead of sorting
    // every matching row: a status is one value of its leading expression, which then drops out of the order.
    const { clause, params } = whereClause({
      "(status = 'done') = @done": input.status === undefined ? undefined : Number(input.status === 'done'),
      'urgency >= @minUrgency': input.minUrgency,
      'due_at >= @dueFrom': input.dueFrom,
      'due_at < @dueTo': input.dueTo,
      'source_activity_id = @sourceActivityId': input.sourceActivityId,
    })
    const rest =
      input.order === 'due'
        ? 'due_at IS NULL, due_at, urgency DESC, id DESC'
        : 'urgency DESC, due_at IS NULL, due_at, id DESC'
    const order = `${input.status === undefined ? "status = 'done', " : ''}${rest}`
    return pagedList(
      this.filtered,
      { from: 'todos', columns: COLUMNS, where: clause, orderBy: order },
      params,
      input,
      toTodo,
    )
  }

  update(input: MethodInput<'todos.update'>): MethodResult<'todos.update'> {
    writeTransaction(this.ctx.db, () => {
      const current = this.load(input.id)
      this.requireActivity(input.sourceActivityId)
      this.statements.update.run({
        id: input.id,
        content: input.content ?? current.content,
        urgency: input.urgency ?? current.urgency,
        assignee: input.assignee ?? current.assignee,
        reason: input.reason ?? current.reason,
        dueAt: input.dueAt === undefined ? current.dueAt : input.dueAt,
        startAt: input.startAt === undefined ? current.startAt : input.startAt,
        sourceActivityId:
          input.sourceActivityId === undefined ? current.sourceActivityId : input.sourceActivityId,
        now: this.ctx.clock.now(),
      })
    })
    return this.changed('updated', this.load(input.id))
  }

  setStatus(input: MethodInput<'todos.setStatus'>): MethodResult<'todos.setStatus'> {
    writeTransaction(this.ctx.db, () => {
      const current = this.load(input.id)
      if (current.status === input.status) return
      const now = this.ctx.clock.now()
      this.statements.setStatus.run(input.status, input.status === 'done' ? now : null, now, input.id)
    })
    return this.changed('updated', this.load(input.id))
  }

  delete(input: MethodInput<'todos.delete'>): MethodResult<'todos.delete'> {
    const result = writeTransaction(this.ctx.db, () => this.statements.delete.run(input.id))
    if (result.changes === 0) throw new AppError('NOT_FOUND', `No todo with id ${input.id}.`)
    this.ctx.emit('todos.changed', { action: 'deleted', id: input.id, todo: null })
    return { id: input.id, deleted: true }
  }
}
