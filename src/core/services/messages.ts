import type { Message } from '../../shared/contract/domains/messages'
import { AppError } from '../../shared/contract/errors'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { TimerHandle } from '../platform/clock'
import type { ServiceContext } from './context'
import type { ConversationService } from './conversations'
import { notFound, parseJsonObject, required, writeTransaction } from './sql'

interface MessageRow {
  id: number
  conversation_id: number
  parent_message_id: number | null
  role: string
  content: string
  status: string
  token_count: number
  latency_ms: number | null
  error_message: string
  metadata: string
  created_at: number
  updated_at: number
  completed_at: number | null
}

interface ActiveStream {
  messageId: number
  conversationId: number
  pending: string[]
  pendingLength: number
  length: number
  timer: TimerHandle | null
}

const COLUMNS =
  'id, conversation_id, parent_message_id, role, content, status, token_count, latency_ms, error_message, metadata, created_at, updated_at, completed_at'

/** Streamed text reaches the disk at most this long after it arrived, or sooner once this much has piled up. */
export const STREAM_FLUSH_MS = 100
const STREAM_FLUSH_CHARS = 16_384
const UNFINISHED = new Set(['pending', 'streaming'])

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  conversationId: row.conversation_id,
  parentMessageId: row.parent_message_id,
  role: row.role as Message['role'],
  content: row.content,
  status: row.status as Message['status'],
  tokenCount: row.token_count,
  latencyMs: row.latency_ms,
  errorMessage: row.error_message,
  metadata: parseJsonObject(row.metadata),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  completedAt: row.completed_at,
})

/**
 * Messages of conversations. Streaming text is announced to clients chunk by chunk at once but written in
 * batches, so a reply of thousands of tokens costs a handful of commits, not one per token.
 */
export class MessageService {
  private readonly statements
  private readonly streams = new Map<number, ActiveStream>()

  constructor(
    private readonly ctx: ServiceContext,
    private readonly conversations: ConversationService,
  ) {
    const { db } = ctx
    this.statements = {
      get: db.prepare<[number], MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE id = ?`),
      // Messages are stored by conversation (migration 8), a table that assigns no id: the next one comes from
      // the id index, the id a rowid table would have picked.
      insert: db
        .prepare<[Record<string, unknown>], number>(
          `INSERT INTO messages (id, conversation_id, parent_message_id, role, content, status, token_count, metadata, created_at, updated_at, completed_at)
           VALUES ((SELECT coalesce(max(id), 0) + 1 FROM messages), @conversationId, @parentMessageId, @role, @content, @status, @tokenCount, @metadata, @now, @now, @completedAt)
           RETURNING id`,
        )
        .pluck(),
      belongsTo: db.prepare<[number], number>('SELECT conversation_id FROM messages WHERE id = ?').pluck(),
      exists: db.prepare<[number], number>('SELECT 1 FROM messages WHERE id = ?').pluck(),
      lastPage: db.prepare<[number, number], MessageRow>(
        `SELECT ${COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?`,
      ),
      pageBefore: db.prepare<[number, number, number], MessageRow>(
        `SELECT ${COLUMNS} FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
      ),
      append: db.prepare('UPDATE messages SET content = content || ?, updated_at = ? WHERE id = ?'),
      finish: db.prepare(
        `UPDATE messages SET status = 'completed', token_count = coalesce(?, token_count), latency_ms = coalesce(?, latency_ms),
           metadata = ?, updated_at = ?, completed_at = ? WHERE id = ?`,
      ),
      end: db.prepare(
        'UPDATE messages SET status = ?, error_message = ?, updated_at = ?, completed_at = ? WHERE id = ?',
      ),
      delete: db.prepare('DELETE FROM messages WHERE id = ?'),
      recover: db.prepare(
        `UPDATE messages SET status = 'interrupted', error_message = ?, updated_at = ?
         WHERE status IN ('pending', 'streaming')`,
      ),
    }
  }

  private load(id: number): Message {
    return toMessage(required(this.statements.get.get(id), 'message', id))
  }

  /** Messages left streaming by a crash or a kill are marked interrupted, keeping the text they had. */
  recoverUnfinished(): number {
    return writeTransaction(this.ctx.db, () =>
      this.statements.recover.run(
        'Cairn stopped while this message was being written.',
        this.ctx.clock.now(),
      ),
    ).changes
  }

  private insert(
    input: {
      conversationId: number
      role: string
      parentMessageId?: number | null | undefined
      metadata: object
    },
    content: string,
    status: 'completed' | 'streaming',
    tokenCount: number,
  ): Message {
    const now = this.ctx.clock.now()
    const parentId = input.parentMessageId ?? null
    const metadata = JSON.stringify(input.metadata)
    const completedAt = status === 'completed' ? now : null
    const id = writeTransaction(this.ctx.db, () => {
      // The touch is also the check that the conversation exists; anything thrown below rolls it back.
      if (!this.conversations.touch(input.conversationId, now)) {
        throw notFound('conversation', input.conversationId)
      }
      if (parentId !== null && this.statements.belongsTo.get(parentId) !== input.conversationId) {
        throw new AppError('NOT_FOUND', `No message ${parentId} in conversation ${input.conversationId}.`)
      }
      return this.statements.insert.get({
        conversationId: input.conversationId,
        parentMessageId: parentId,
        role: input.role,
        content,
        status,
        tokenCount,
        metadata,
        now,
        completedAt,
      })
    })
    if (id === undefined) throw new Error('The message insert returned no id.')
    // The row as written, mapped as a read maps it: reading it back was a second lookup for every message.
    const message = toMessage({
      id,
      conversation_id: input.conversationId,
      parent_message_id: parentId,
      role: input.role,
      content,
      status,
      token_count: tokenCount,
      latency_ms: null,
      error_message: '',
      metadata,
      created_at: now,
      updated_at: now,
      completed_at: completedAt,
    })
    this.ctx.emit('messages.updated', { message })
    return message
  }

  create(input: MethodInput<'messages.create'>): MethodResult<'messages.create'> {
    return this.insert(input, input.content, 'completed', input.tokenCount ?? 0)
  }

  get(input: MethodInput<'messages.get'>): MethodResult<'messages.get'> {
    const stream = this.streams.get(input.id)
    if (stream) this.flush(stream)
    return this.load(input.id)
  }

  list(input: MethodInput<'messages.list'>): MethodResult<'messages.list'> {
    this.conversations.mustExist(input.conversationId)
    for (const stream of this.streams.values()) {
      if (stream.conversationId === input.conversationId) this.flush(stream)
    }
    // One row more than asked tells whether an older page exists without a second query.
    const rows =
      input.before === undefined
        ? this.statements.lastPage.all(input.conversationId, input.limit + 1)
        : this.statements.pageBefore.all(input.conversationId, input.before, input.limit + 1)
    const hasOlder = rows.length > input.limit
    const page = rows.slice(0, input.limit).reverse()
    const oldest = page[0]
    return { items: page.map(toMessage), nextBefore: hasOlder && oldest ? oldest.id : null }
  }

  startStream(input: MethodInput<'messages.startStream'>): MethodResult<'messages.startStream'> {
    const message = this.insert(input, '', 'streaming', 0)
    this.streams.set(message.id, {
      messageId: message.id,
      conversationId: message.conversationId,
      pending: [],
      pendingLength: 0,
      length: 0,
      timer: null,
    })
    return message
  }

  private activeStream(id: number): ActiveStream {
    const known = this.streams.get(id)
    // One indexed lookup per chunk notices a message deleted mid-stream (directly or with its conversation).
    if (known && this.statements.exists.get(id)) return known
    if (known) this.forget(known)
    const message = this.load(id)
    if (message.status !== 'streaming') {
      throw new AppError('FAILED_PRECONDITION', `Message ${id} is ${message.status}, not streaming.`)
    }
    // A stream started before a restart of the core but not yet recovered: keep appending to it.
    const stream: ActiveStream = {
      messageId: id,
      conversationId: message.conversationId,
      pending: [],
      pendingLength: 0,
      length: message.content.length,
      timer: null,
    }
    this.streams.set(id, stream)
    return stream
  }

  appendChunk(input: MethodInput<'messages.appendChunk'>): MethodResult<'messages.appendChunk'> {
    const stream = this.activeStream(input.id)
    stream.pending.push(input.chunk)
    stream.pendingLength += input.chunk.length
    stream.length += input.chunk.length
    this.ctx.emit('messages.delta', {
      messageId: stream.messageId,
      conversationId: stream.conversationId,
      chunk: input.chunk,
      length: stream.length,
    })
    if (stream.pendingLength >= STREAM_FLUSH_CHARS) this.flush(stream)
    else if (stream.timer === null)
      stream.timer = this.ctx.clock.setTimer(() => this.flush(stream), STREAM_FLUSH_MS)
    return { id: stream.messageId, length: stream.length }
  }

  private flush(stream: ActiveStream): void {
    if (stream.timer !== null) {
      this.ctx.clock.clearTimer(stream.timer)
      stream.timer = null
    }
    if (stream.pending.length === 0 || !this.ctx.db.open) return
    const text = stream.pending.join('')
    stream.pending = []
    stream.pendingLength = 0
    writeTransaction(this.ctx.db, () =>
      this.statements.append.run(text, this.ctx.clock.now(), stream.messageId),
    )
  }

  /** Writes every buffered chunk; called before the database closes. */
  flushAll(): void {
    for (const stream of this.streams.values()) this.flush(stream)
  }

  private endStream(id: number): Message {
    const stream = this.streams.get(id)
    if (stream) {
      this.flush(stream)
      this.streams.delete(id)
    }
    return this.load(id)
  }

  finish(input: MethodInput<'messages.finish'>): MethodResult<'messages.finish'> {
    const current = this.endStream(input.id)
    if (current.status !== 'streaming' && current.status !== 'pending') {
      throw new AppError('FAILED_PRECONDITION', `Message ${input.id} is already ${current.status}.`)
    }
    const now = this.ctx.clock.now()
    writeTransaction(this.ctx.db, () => {
      this.statements.finish.run(
        input.tokenCount ?? null,
        input.latencyMs ?? null,
        JSON.stringify({ ...current.metadata, ...input.metadata }),
        now,
        now,
        input.id,
      )
      this.conversations.touch(current.conversationId, now)
    })
    return this.updated(input.id)
  }

  private terminate(id: number, status: 'failed' | 'interrupted', errorMessage: string): Message {
    const current = this.endStream(id)
    if (current.status === status) return current
    if (!UNFINISHED.has(current.status)) {
      throw new AppError('FAILED_PRECONDITION', `Message ${id} is already ${current.status}.`)
    }
    const now = this.ctx.clock.now()
    writeTransaction(this.ctx.db, () => this.statements.end.run(status, errorMessage, now, now, id))
    return this.updated(id)
  }

  fail(input: MethodInput<'messages.fail'>): MethodResult<'messages.fail'> {
    return this.terminate(input.id, 'failed', input.errorMessage)
  }

  interrupt(input: MethodInput<'messages.interrupt'>): MethodResult<'messages.interrupt'> {
    return this.terminate(input.id, 'interrupted', '')
  }

  private updated(id: number): Message {
    const message = this.load(id)
    this.ctx.emit('messages.updated', { message })
    return message
  }

  private forget(stream: ActiveStream): void {
    if (stream.timer !== null) this.ctx.clock.clearTimer(stream.timer)
    this.streams.delete(stream.messageId)
  }

  delete(input: MethodInput<'messages.delete'>): MethodResult<'messages.delete'> {
    const stream = this.streams.get(input.id)
    if (stream) this.forget(stream)
    const result = writeTransaction(this.ctx.db, () => this.statements.delete.run(input.id))
    if (result.changes === 0) throw notFound('message', input.id)
    return { id: input.id, deleted: true }
  }
}
