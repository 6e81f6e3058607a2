import type { Tip } from '../../shared/contract/domains/tips'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { ServiceContext } from './context'
import { parseJsonObject, required, writeTransaction } from './sql'

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

  constructor(private readonly ctx: ServiceContext) {
    const { db } = ctx
    this.statements = {
      get: db.prepare<[number], TipRow>(`SELECT ${COLUMNS} FROM tips WHERE id = ?`),
      insert: db.prepare('INSERT INTO tips (content, metadata, created_at) VALUES (?, ?, ?)'),
      listActive: db.prepare<[number, number], TipRow>(
        `SELECT ${COLUMNS} FROM tips WHERE dismissed_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
      ),
      listAll: db.prepare<[number, number], TipRow>(
        `SELECT ${COLUMNS} FROM tips ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
      ),
      countActive: db.prepare<[], number>('SELECT count(*) FROM tips WHERE dismissed_at IS NULL').pluck(),
      countAll: db.prepare<[], number>('SELECT count(*) FROM tips').pluck(),
      dismiss: db.prepare('UPDATE tips SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL'),
    }
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
    const rows = input.includeDismissed
      ? this.statements.listAll.all(input.limit, input.offset)
      : this.statements.listActive.all(input.limit, input.offset)
    const total = input.includeDismissed ? this.statements.countAll.get() : this.statements.countActive.get()
    return { items: rows.map(toTip), total: Number(total) }
  }

  dismiss(input: MethodInput<'tips.dismiss'>): MethodResult<'tips.dismiss'> {
    this.load(input.id)
    writeTransaction(this.ctx.db, () => this.statements.dismiss.run(this.ctx.clock.now(), input.id))
    this.ctx.emit('tips.changed', { action: 'updated', id: input.id })
    return this.load(input.id)
  }
}
