import type { Conversation } from '../../shared/contract/domains/conversations'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { ServiceContext } from './context'
import { notFound, parseJsonObject, required, writeTransaction } from './sql'

interface ConversationRow {
  id: number
  title: string
  status: string
  metadata: string
  created_at: number
  updated_at: number
}

const COLUMNS = 'id, title, status, metadata, created_at, updated_at'

const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  title: row.title,
  status: row.status as Conversation['status'],
  metadata: parseJsonObject(row.metadata),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

export class ConversationService {
  private readonly statements

  constructor(private readonly ctx: ServiceContext) {
    const { db } = ctx
    this.statements = {
      get: db.prepare<[number], ConversationRow>(`SELECT ${COLUMNS} FROM conversations WHERE id = ?`),
      exists: db.prepare<[number], number>('SELECT 1 FROM conversations WHERE id = ?').pluck(),
      insert: db.prepare(
        'INSERT INTO conversations (title, metadata, created_at, updated_at) VALUES (?, ?, ?, ?)',
      ),
      firstPage: db.prepare<[string, number], ConversationRow>(
        `SELECT ${COLUMNS} FROM conversations WHERE status = ? ORDER BY updated_at DESC, id DESC LIMIT ?`,
      ),
      nextPage: db.prepare<
        [{ status: string; updatedAt: number; id: number; limit: number }],
        ConversationRow
      >(
        `SELECT ${COLUMNS} FROM conversations WHERE status = @status AND (updated_at, id) < (@updatedAt, @id)
         ORDER BY updated_at DESC, id DESC LIMIT @limit`,
      ),
      update: db.prepare(
        'UPDATE conversations SET title = ?, status = ?, metadata = ?, updated_at = ? WHERE id = ?',
      ),
      touch: db.prepare('UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?'),
      delete: db.prepare('DELETE FROM conversations WHERE id = ?'),
    }
  }

  load(id: number): Conversation {
    return toConversation(required(this.statements.get.get(id), 'conversation', id))
  }

  /** Throws NOT_FOUND unless the conversation exists (a key lookup; load also reads and maps the row). */
  mustExist(id: number): void {
    if (this.statements.exists.get(id) === undefined) throw notFound('conversation', id)
  }

  /**
   * Marks a conversation active now, so it moves to the top of the list; call inside the write's transaction.
   * False when there is no such conversation (nothing was changed).
   */
  touch(id: number, now: number): boolean {
    return this.statements.touch.run(now, id).changes > 0
  }

  create(input: MethodInput<'conversations.create'>): MethodResult<'conversations.create'> {
    const now = this.ctx.clock.now()
    const id = writeTransaction(this.ctx.db, () =>
      Number(
        this.statements.insert.run(input.title, JSON.stringify(input.metadata), now, now).lastInsertRowid,
      ),
    )
    this.ctx.emit('conversations.changed', { action: 'created', id })
    return this.load(id)
  }

  get(input: MethodInput<'conversations.get'>): MethodResult<'conversations.get'> {
    return this.load(input.id)
  }

  list(input: MethodInput<'conversations.list'>): MethodResult<'conversations.list'> {
    const rows = input.cursor
      ? this.statements.nextPage.all({ status: input.status, ...input.cursor, limit: input.limit + 1 })
      : this.statements.firstPage.all(input.status, input.limit + 1)
    const page = rows.slice(0, input.limit)
    const last = rows.length > input.limit ? page[page.length - 1] : undefined
    return {
      items: page.map(toConversation),
      nextCursor: last ? { updatedAt: last.updated_at, id: last.id } : null,
    }
  }

  update(input: MethodInput<'conversations.update'>): MethodResult<'conversations.update'> {
    writeTransaction(this.ctx.db, () => {
      const current = this.load(input.id)
      this.statements.update.run(
        input.title ?? current.title,
        input.status ?? current.status,
        JSON.stringify(input.metadata ?? current.metadata),
        this.ctx.clock.now(),
        input.id,
      )
    })
    this.ctx.emit('conversations.changed', { action: 'updated', id: input.id })
    return this.load(input.id)
  }

  delete(input: MethodInput<'conversations.delete'>): MethodResult<'conversations.delete'> {
    const result = writeTransaction(this.ctx.db, () => this.statements.delete.run(input.id))
    if (result.changes === 0) throw notFound('conversation', input.id)
    this.ctx.emit('conversations.changed', { action: 'deleted', id: input.id })
    return { id: input.id, deleted: true }
  }
}
