import type { Tip } from '../../shared/contract/domains/tips'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { ServiceContext } from './context'
import { StatementCache, pagedList, parseJsonObject, required, writeTransaction } from './sql'

interface TipRow {
  id: number
  content: string
  metadata: string
  created_at: number
  dismissed_at: number | null
}

const COLUMNS = 'id, content, metadata, created_at, dismissed_at'

const toTip = (row: TipRow): Tip => ({
  id: row.id,
  content: row.content,
  metadata: parseJsonObject(row.metadata),
  createdAt: row.created_at,
  dismissedAt: row.dismissed_at,
})

export class TipService {
  private readonly statements
  private readonly lists: StatementCache

  constructor(private readonly ctx: ServiceContext) {
    const { db } = ctx
    this.lists = new StatementCache(db)
    this.statements = {
      get: db.prepare<[number], TipRow>(`SELECT ${COLUMNS} FROM tips WHERE id = ?`),
      insert: db.prepare('INSERT INTO tips (content, metadata, created_at) VALUES (?, ?, ?)'),
      dismiss: db.prepare('UPDATE tips SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL'),
      recent: db.prepare<[number], string>('SELECT content FROM tips ORDER BY id DESC LIMIT ?').pluck(),
    }
  }

  /** The text of the newest `limit` tips, dismissed or not, newest first: what a new tip must not repeat. */
  recentContents(limit: number): string[] {
    return this.statements.recent.all(limit)
  }

  private load(id: number): Tip {
    return toTip(required(this.statements.get.get(id), 'tip', id))
  }

  create(input: MethodInput<'tips.create'>): MethodResult<'tips.create'> {
    const id = writeTransaction(this.ctx.db, () =>
      Number(
        this.statements.insert.run(input.content, JSON.stringify(input.metadata), this.ctx.clock.now())
          .lastInsertRowid,
      ),
    )
    this.ctx.emit('tips.changed', { action: 'created', id })
    return this.load(id)
  }

  get(input: MethodInput<'tips.get'>): MethodResult<'tips.get'> {
    return this.load(input.id)
  }

  list(input: MethodInput<'tips.list'>): MethodResult<'tips.list'> {
    const where = input.includeDismissed ? '' : 'WHERE dismissed_at IS NULL'
    const orderBy = 'created_at DESC, id DESC'
    return pagedList(this.lists, { from: 'tips', columns: COLUMNS, where, orderBy }, {}, input, toTip)
  }

  dismiss(input: MethodInput<'tips.dismiss'>): MethodResult<'tips.dismiss'> {
    this.load(input.id)
    writeTransaction(this.ctx.db, () => this.statements.dismiss.run(this.ctx.clock.now(), input.id))
    this.ctx.emit('tips.changed', { action: 'updated', id: input.id })
    return this.load(input.id)
  }
}
