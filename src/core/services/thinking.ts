import type { ThinkingStep } from '../../shared/contract/domains/messages'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { ServiceContext } from './context'
import { parseJsonObject, required, writeTransaction } from './sql'

interface ThinkingRow {
  id: number
  message_id: number
  stage: string
  content: string
  progress: number
  sequence: number
  metadata: string
  created_at: number
}

const COLUMNS = 'id, message_id, stage, content, progress, sequence, metadata, created_at'

const toStep = (row: ThinkingRow): ThinkingStep => ({
  id: row.id,
  messageId: row.message_id,
  stage: row.stage,
  content: row.content,
  progress: row.progress,
  sequence: row.sequence,
  metadata: parseJsonObject(row.metadata),
  createdAt: row.created_at,
})

/** The visible reasoning of an assistant message: ordered stages (retrieval, generation, ...) with progress. */
export class ThinkingService {
  private readonly statements

  constructor(private readonly ctx: ServiceContext) {
    const { db } = ctx
    this.statements = {
      get: db.prepare<[number], ThinkingRow>(`SELECT ${COLUMNS} FROM message_thinking WHERE id = ?`),
      messageExists: db.prepare<[number], number>('SELECT 1 FROM messages WHERE id = ?').pluck(),
      insert: db.prepare(
        `INSERT INTO message_thinking (message_id, stage, content, progress, sequence, metadata, created_at)
         VALUES (@messageId, @stage, @content, @progress,
           (SELECT coalesce(max(sequence) + 1, 0) FROM message_thinking WHERE message_id = @messageId), @metadata, @now)`,
      ),
      list: db.prepare<[number], ThinkingRow>(
        `SELECT ${COLUMNS} FROM message_thinking WHERE message_id = ? ORDER BY sequence`,
      ),
      clear: db.prepare('DELETE FROM message_thinking WHERE message_id = ?'),
    }
  }

  private requireMessage(messageId: number): void {
    required(this.statements.messageExists.get(messageId), 'message', messageId)
  }

  add(input: MethodInput<'thinking.add'>): MethodResult<'thinking.add'> {
    const id = writeTransaction(this.ctx.db, () => {
      this.requireMessage(input.messageId)
      return Number(
        this.statements.insert.run({
          messageId: input.messageId,
          stage: input.stage,
          content: input.content,
          progress: input.progress,
          metadata: JSON.stringify(input.metadata),
          now: this.ctx.clock.now(),
        }).lastInsertRowid,
      )
    })
    const step = toStep(required(this.statements.get.get(id), 'thinking step', id))
    this.ctx.emit('thinking.added', { step })
    return step
  }

  list(input: MethodInput<'thinking.list'>): MethodResult<'thinking.list'> {
    this.requireMessage(input.messageId)
    return { items: this.statements.list.all(input.messageId).map(toStep) }
  }

  clear(input: MethodInput<'thinking.clear'>): MethodResult<'thinking.clear'> {
    this.requireMessage(input.messageId)
    const result = writeTransaction(this.ctx.db, () => this.statements.clear.run(input.messageId))
    return { messageId: input.messageId, removed: result.changes }
  }
}
