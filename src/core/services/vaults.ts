import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import type { Vault, VaultNode } from '../../shared/contract/domains/vaults'
import { AppError } from '../../shared/contract/errors'
import { titleKey, wikiLinks } from '../../shared/wikiLinks'
import type { ServiceContext } from './context'
import {
  StatementCache,
  fromBool,
  notFound,
  pagedList,
  parseStringArray,
  required,
  toBool,
  whereClause,
  writeTransaction,
} from './sql'

interface VaultRow {
  id: number
  title: string
  summary: string
  content: string
  tags: string
  parent_id: number | null
  is_folder: number
  is_deleted: number
  deleted_at: number | null
  document_type: string
  sort_order: number
  created_at: number
  updated_at: number
}

interface NodeRow extends VaultRow {
  child_count: number
}

const COLUMNS =
  'id, title, summary, content, tags, parent_id, is_folder, is_deleted, deleted_at, document_type, sort_order, created_at, updated_at'
const NODE_COLUMNS = COLUMNS.replace('summary, content, ', "'' AS summary, '' AS content, ")

function toVault(row: VaultRow): Vault {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    content: row.content,
    tags: parseStringArray(row.tags),
    parentId: row.parent_id,
    isFolder: toBool(row.is_folder),
    isDeleted: toBool(row.is_deleted),
    deletedAt: row.deleted_at,
    documentType: row.document_type as Vault['documentType'],
    sortOrder: row.sort_order,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toNode(row: NodeRow): VaultNode {
  const { content: _content, summary: _summary, ...node } = toVault(row)
  return { ...node, childCount: row.child_count }
}

/** The columns of a node (no bodies) of `vaults v`, with how many items of the same state are inside it. */
const NODE_SELECT = `${NODE_COLUMNS.split(', ')
  .map((column) => (column.includes(' AS ') ? column : `v.${column}`))
  .join(', ')},
  (SELECT count(*) FROM vaults c WHERE c.parent_id = v.id AND c.is_deleted = v.is_deleted) AS child_count`

interface LinkRow {
  id: number
  title: string
  parent_id: number | null
  updated_at: number
}

const toLinked = (row: LinkRow) => ({
  id: row.id,
  title: row.title,
  parentId: row.parent_id,
  updatedAt: row.updated_at,
})

/**
 * How many documents that mention a title are read to find the ones linking to it. The full-text index narrows
 * them to those with the title's words in a row; a title of one very common word is cut to the newest ones.
 */
const BACKLINK_CANDIDATES = 2_000
const EXCERPT_LENGTH = 200

/** An FTS5 phrase of the title's words over the body: the brackets around a link always separate its words. */
const bodyPhrase = (title: string) => `content : "${title.replaceAll('"', '""')}"`

/** The line of `text` around `at`, cut to the excerpt length around the link. */
function lineAround(text: string, from: number, to: number): string {
  const start = text.lastIndexOf('\n', from - 1) + 1
  const end = text.indexOf('\n', to)
  const line = text.slice(start, end === -1 ? undefined : end).trim()
  if (line.length <= EXCERPT_LENGTH) return line
  const offset = Math.max(0, Math.min(from - start - EXCERPT_LENGTH / 4, line.length - EXCERPT_LENGTH))
  return `${offset > 0 ? '…' : ''}${line.slice(offset, offset + EXCERPT_LENGTH).trim()}…`
}

/**
 * A title's key (titleKey) in SQL. A title of printable ASCII with single spaces inside and none at its ends is
 * its own key but for case, which SQLite's lower() does; only other titles call out to the JS key function,
 * whose call for each of 50,000 documents took 60-70 ms for one [[link]] completion (npm run bench:budgets).
 */
const TITLE_KEY = `CASE WHEN title NOT GLOB '*[^ -~]*' AND title NOT GLOB '*  *' AND title NOT GLOB ' *'
  AND title NOT GLOB '* ' THEN lower(title) ELSE cairn_title_key(title) END`

/** Folders and documents: a tree with a trash, ordered siblings and full-text indexed bodies. */
export class VaultService {
  private readonly statements
  private readonly filtered: StatementCache

  constructor(private readonly ctx: ServiceContext) {
    const { db } = ctx
    this.filtered = new StatementCache(db)
    // Titles are compared as [[links]] compare them (case, width, spaces), which SQLite's lower() cannot do.
    db.function('cairn_title_key', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? titleKey(value) : null,
    )
    const live = 'is_deleted = 0 AND is_folder = 0'
    this.statements = {
      get: db.prepare<[number], VaultRow>(`SELECT ${COLUMNS} FROM vaults WHERE id = ?`),
      insert: db.prepare(
        `INSERT INTO vaults (title, summary, content, tags, parent_id, is_folder, document_type, sort_order, created_at, updated_at)
         VALUES (@title, @summary, @content, @tags, @parentId, @isFolder, @documentType, @sortOrder, @now, @now)`,
      ),
      nextSortOrder: db
        .prepare<[number | null], number>(
          'SELECT coalesce(max(sort_order) + 1, 0) FROM vaults WHERE parent_id IS ? AND is_deleted = 0',
        )
        .pluck(),
      siblings: db
        .prepare<[number | null, number], number>(
          'SELECT id FROM vaults WHERE parent_id IS ? AND is_deleted = 0 AND id <> ? ORDER BY sort_order, id',
        )
        .pluck(),
      setPlace: db.prepare('UPDATE vaults SET parent_id = ?, sort_order = ?, updated_at = ? WHERE id = ?'),
      setSortOrder: db.prepare('UPDATE vaults SET sort_order = ? WHERE id = ?'),
      isDescendant: db
        .prepare<[number, number], number>(
          `WITH RECURSIVE up(id) AS (SELECT ? UNION ALL SELECT v.parent_id FROM vaults v JOIN up ON v.id = up.id WHERE v.parent_id IS NOT NULL)
           SELECT count(*) FROM up WHERE id = ?`,
        )
        .pluck(),
      subtree: db
        .prepare<[number], number>(
          `WITH RECURSIVE down(id) AS (SELECT ? UNION ALL SELECT v.id FROM vaults v JOIN down ON v.parent_id = down.id)
           SELECT id FROM down`,
        )
        .pluck(),
      markDeleted: db.prepare(
        'UPDATE vaults SET is_deleted = ?, deleted_at = ?, updated_at = ? WHERE id = ?',
      ),
      markTrashed: db.prepare(
        'UPDATE vaults SET is_deleted = 1, deleted_at = ?, updated_at = ? WHERE id = ? AND is_deleted = 0',
      ),
      // What was trashed together with an item: its subtree, minus anything that had been trashed on its own.
      trashedWith: db
        .prepare<[number, number | null], number>(
          `WITH RECURSIVE down(id) AS (SELECT ? UNION ALL
             SELECT v.id FROM vaults v JOIN down ON v.parent_id = down.id WHERE v.deleted_at IS ?)
           SELECT id FROM down`,
        )
        .pluck(),
      hardDelete: db.prepare('DELETE FROM vaults WHERE id = ?'),
      dailyReport: db
        .prepare<[string], number>(
          "SELECT id FROM vaults WHERE document_type = 'daily_report' AND title = ? AND is_deleted = 0 LIMIT 1",
        )
        .pluck(),
      notesIn: db.prepare<[number, number, number], { at: number; title: string }>(
        `SELECT created_at AS at, substr(title, 1, 200) AS title FROM vaults
         WHERE document_type = 'note' AND is_folder = 0 AND is_deleted = 0 AND created_at >= ? AND created_at < ?
         ORDER BY at LIMIT ?`,
      ),
      update: db.prepare(
        `UPDATE vaults SET title = @title, content = @content, summary = @summary, tags = @tags,
           document_type = @documentType, updated_at = @now WHERE id = @id`,
      ),
      linkCandidates: db.prepare<
        [{ match: string; id: number; limit: number }],
        LinkRow & { content: string }
      >(
        `SELECT v.id, v.title, v.parent_id, v.updated_at, v.content FROM vaults_fts CROSS JOIN vaults v
         WHERE v.id = vaults_fts.rowid AND vaults_fts MATCH @match AND v.is_deleted = 0 AND v.is_folder = 0
           AND v.id <> @id
         ORDER BY vaults_fts.rowid DESC LIMIT @limit`,
      ),
      // A title with no words to search for (only signs): the newest documents holding any link.
      anyLinkCandidates: db.prepare<[{ id: number; limit: number }], LinkRow & { content: string }>(
        `SELECT id, title, parent_id, updated_at, content FROM vaults
         WHERE ${live} AND id <> @id AND instr(content, '[[') > 0 ORDER BY id DESC LIMIT @limit`,
      ),
      titled: db.prepare<[{ key: string; limit: number }], LinkRow>(
        `SELECT id, title, parent_id, updated_at FROM vaults
         WHERE ${live} AND instr(${TITLE_KEY}, @key) > 0
         ORDER BY instr(${TITLE_KEY}, @key) = 1 DESC, updated_at DESC, id DESC LIMIT @limit`,
      ),
      byTitleKeys: db.prepare<[string], { id: number; key: string }>(
        `SELECT id, ${TITLE_KEY} AS key FROM vaults
         WHERE ${live} AND ${TITLE_KEY} IN (SELECT value FROM json_each(?))
         ORDER BY updated_at, id`,
      ),
      // One level at a time: the whole tree of 50,000 items took 515 ms to query and 135 ms to take apart on
      // the UI thread (npm run bench:budgets); a person opens a folder at a time.
      level: db.prepare<[{ parentId: number | null; limit: number; offset: number }], NodeRow>(
        `SELECT ${NODE_SELECT} FROM vaults v WHERE v.parent_id IS @parentId AND v.is_deleted = 0
         ORDER BY v.sort_order, v.id LIMIT @limit OFFSET @offset`,
      ),
      levelTotal: db
        .prepare<[number | null], number>(
          'SELECT count(*) FROM vaults WHERE parent_id IS ? AND is_deleted = 0',
        )
        .pluck(),
      trashRoots: db.prepare<[{ limit: number; offset: number }], NodeRow>(
        `SELECT ${NODE_SELECT} FROM vaults v WHERE v.is_deleted = 1
           AND (v.parent_id IS NULL OR (SELECT is_deleted FROM vaults p WHERE p.id = v.parent_id) = 0)
         ORDER BY v.deleted_at DESC, v.id DESC LIMIT @limit OFFSET @offset`,
      ),
      trashTotal: db
        .prepare<[], number>(
          `SELECT count(*) FROM vaults v WHERE v.is_deleted = 1
             AND (v.parent_id IS NULL OR (SELECT is_deleted FROM vaults p WHERE p.id = v.parent_id) = 0)`,
        )
        .pluck(),
    }
  }

  /** The id of the daily report titled `title`, unless it is in the trash. */
  dailyReportId(title: string): number | undefined {
    return this.statements.dailyReport.get(title)
  }

  /** Notes (not folders, not trashed) written in [from, to), oldest first, titles cut to 200 characters. */
  notesWrittenIn(from: number, to: number, limit: number): { at: number; title: string }[] {
    return this.statements.notesIn.all(from, to, limit)
  }

  private load(id: number): Vault {
    return toVault(required(this.statements.get.get(id), 'document or folder', id))
  }

  private requireFolder(parentId: number | null): void {
    if (parentId === null) return
    const parent = this.statements.get.get(parentId)
    if (!parent) throw new AppError('NOT_FOUND', `No folder with id ${parentId}.`)
    if (!toBool(parent.is_folder))
      throw new AppError('FAILED_PRECONDITION', `Item ${parentId} is a document, not a folder.`)
    if (toBool(parent.is_deleted))
      throw new AppError('FAILED_PRECONDITION', `Folder ${parentId} is in the trash.`)
  }

  create(input: MethodInput<'vaults.create'>): MethodResult<'vaults.create'> {
    const parentId = input.parentId ?? null
    const values = {
      title: input.title,
      summary: input.summary ?? '',
      content: input.content ?? '',
      tags: JSON.stringify(input.tags ?? []),
      parentId,
      isFolder: fromBool(input.isFolder ?? false),
      documentType: input.documentType ?? 'note',
      sortOrder: 0,
      now: this.ctx.clock.now(),
    }
    const id = writeTransaction(this.ctx.db, () => {
      this.requireFolder(parentId)
      values.sortOrder = this.statements.nextSortOrder.get(parentId) ?? 0
      return Number(this.statements.insert.run(values).lastInsertRowid)
    })
    this.ctx.emit('vaults.changed', { action: 'created', id })
    // The row as written (not in the trash), mapped as a read maps it (no second lookup).
    return toVault({
      id,
      title: values.title,
      summary: values.summary,
      content: values.content,
      tags: values.tags,
      parent_id: parentId,
      is_folder: values.isFolder,
      is_deleted: 0,
      deleted_at: null,
      document_type: values.documentType,
      sort_order: values.sortOrder,
      created_at: values.now,
      updated_at: values.now,
    })
  }

  get(input: MethodInput<'vaults.get'>): MethodResult<'vaults.get'> {
    return this.load(input.id)
  }

  list(input: MethodInput<'vaults.list'>): MethodResult<'vaults.list'> {
    const { clause, params } = whereClause({
      'is_deleted = @deleted': fromBool(input.trash),
      'parent_id IS @parentId': input.parentId,
      'document_type = @documentType AND is_folder = 0': input.documentType,
      'created_at >= @from': input.from,
      'created_at < @to': input.to,
    })
    const order = input.parentId !== undefined ? 'sort_order, id' : 'updated_at DESC, id DESC'
    // Only fixed fragments are concatenated; every value is bound.
    return pagedList(
      this.filtered,
      { from: 'vaults', columns: COLUMNS, where: clause, orderBy: order },
      params,
      input,
      toVault,
    )
  }

  tree(input: MethodInput<'vaults.tree'>): MethodResult<'vaults.tree'> {
    const page = { limit: input.limit, offset: input.offset }
    if (input.trash) {
      // The trash shows what was trashed as a whole (its roots), newest first; their contents stay with them.
      return {
        nodes: this.statements.trashRoots.all(page).map(toNode),
        total: this.statements.trashTotal.get() ?? 0,
      }
    }
    return {
      nodes: this.statements.level.all({ parentId: input.parentId, ...page }).map(toNode),
      total: this.statements.levelTotal.get(input.parentId) ?? 0,
    }
  }

  update(input: MethodInput<'vaults.update'>): MethodResult<'vaults.update'> {
    const current = this.load(input.id)
    if (current.isFolder && (input.content !== undefined || input.documentType !== undefined)) {
      throw new AppError('FAILED_PRECONDITION', `Item ${input.id} is a folder; folders have no body or type.`)
    }
    writeTransaction(this.ctx.db, () => {
      this.statements.update.run({
        id: input.id,
        title: input.title ?? current.title,
        content: input.content ?? current.content,
        summary: input.summary ?? current.summary,
        tags: JSON.stringify(input.tags ?? current.tags),
        documentType: input.documentType ?? current.documentType,
        now: this.ctx.clock.now(),
      })
    })
    this.ctx.emit('vaults.changed', { action: 'updated', id: input.id })
    return this.load(input.id)
  }

  backlinks(input: MethodInput<'vaults.backlinks'>): MethodResult<'vaults.backlinks'> {
    const target = this.load(input.id)
    const key = titleKey(target.title)
    if (target.isFolder || key === '') return { items: [] }
    const page = { id: input.id, limit: BACKLINK_CANDIDATES }
    const candidates = /[\p{L}\p{N}]/u.test(key)
      ? this.statements.linkCandidates.all({ ...page, match: bodyPhrase(key) })
      : this.statements.anyLinkCandidates.all(page)
    const items = candidates.flatMap((row) => {
      const link = wikiLinks(row.content).find((found) => titleKey(found.target) === key)
      return link ? [{ ...toLinked(row), excerpt: lineAround(row.content, link.from, link.to) }] : []
    })
    items.sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id)
    return { items: items.slice(0, input.limit) }
  }

  titles(input: MethodInput<'vaults.titles'>): MethodResult<'vaults.titles'> {
    const key = titleKey(input.query)
    return { items: this.statements.titled.all({ key, limit: input.limit }).map(toLinked) }
  }

  resolve(input: MethodInput<'vaults.resolve'>): MethodResult<'vaults.resolve'> {
    const keys = [...new Set(input.titles.map(titleKey).filter((key) => key !== ''))]
    const found = new Map<string, number>()
    // Oldest first, so the most recently updated document of a shared title is the one kept.
    if (keys.length > 0)
      for (const row of this.statements.byTitleKeys.all(JSON.stringify(keys))) found.set(row.key, row.id)
    return {
      items: input.titles.map((title) => ({ title, id: found.get(titleKey(title)) ?? null })),
    }
  }

  move(input: MethodInput<'vaults.move'>): MethodResult<'vaults.move'> {
    writeTransaction(this.ctx.db, () => {
      const item = this.load(input.id)
      if (item.isDeleted)
        throw new AppError('FAILED_PRECONDITION', `Item ${input.id} is in the trash; restore it first.`)
      this.requireFolder(input.parentId)
      if (input.parentId !== null && this.statements.isDescendant.get(input.parentId, input.id)) {
        throw new AppError(
          'FAILED_PRECONDITION',
          'A folder cannot be moved into itself or one of its own folders.',
        )
      }
      const siblings = this.statements.siblings.all(input.parentId, input.id)
      const index = Math.min(input.index ?? siblings.length, siblings.length)
      siblings.splice(index, 0, input.id)
      siblings.forEach((siblingId, position) => this.statements.setSortOrder.run(position, siblingId))
      this.statements.setPlace.run(input.parentId, index, this.ctx.clock.now(), input.id)
    })
    this.ctx.emit('vaults.changed', { action: 'updated', id: input.id })
    return this.load(input.id)
  }

  trash(input: MethodInput<'vaults.trash'>): MethodResult<'vaults.trash'> {
    writeTransaction(this.ctx.db, () => {
      const item = this.load(input.id)
      if (item.isDeleted) return
      const now = this.ctx.clock.now()
      // Items already in the trash keep their own deletion time, so restoring this one leaves them there.
      for (const id of this.statements.subtree.all(input.id)) this.statements.markTrashed.run(now, now, id)
    })
    this.ctx.emit('vaults.changed', { action: 'updated', id: input.id })
    return this.load(input.id)
  }

  restore(input: MethodInput<'vaults.restore'>): MethodResult<'vaults.restore'> {
    writeTransaction(this.ctx.db, () => {
      const item = this.load(input.id)
      if (!item.isDeleted) return
      const now = this.ctx.clock.now()
      const ids = this.statements.trashedWith.all(input.id, item.deletedAt)
      for (const id of ids) this.statements.markDeleted.run(0, null, now, id)
      const parent = item.parentId === null ? undefined : this.statements.get.get(item.parentId)
      if (item.parentId !== null && (!parent || toBool(parent.is_deleted))) {
        this.statements.setPlace.run(null, this.statements.nextSortOrder.get(null) ?? 0, now, input.id)
      }
    })
    this.ctx.emit('vaults.changed', { action: 'updated', id: input.id })
    return this.load(input.id)
  }

  delete(input: MethodInput<'vaults.delete'>): MethodResult<'vaults.delete'> {
    const removed = writeTransaction(this.ctx.db, () => {
      const item = this.statements.get.get(input.id)
      if (!item) throw notFound('document or folder', input.id)
      if (!toBool(item.is_deleted)) {
        throw new AppError(
          'FAILED_PRECONDITION',
          `Item ${input.id} is not in the trash; trash it before deleting it for good.`,
        )
      }
      const count = this.statements.subtree.all(input.id).length
      this.statements.hardDelete.run(input.id)
      return count
    })
    this.ctx.emit('vaults.changed', { action: 'deleted', id: input.id })
    return { id: input.id, deleted: true, removed }
  }
}
