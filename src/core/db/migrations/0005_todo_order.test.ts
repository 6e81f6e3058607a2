import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../open'
import { MIGRATIONS } from '.'

const LIST_QUERY = `SELECT id FROM todos ORDER BY status = 'done', urgency DESC, due_at IS NULL, due_at, id DESC LIMIT 100 OFFSET 5000`

describe('migration 5: todo list order index', () => {
  it('lets the Todos list page walk an index instead of sorting the whole table', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 4),
    )
    const planBefore = JSON.stringify(db.prepare(`EXPLAIN QUERY PLAN ${LIST_QUERY}`).all())
    expect(planBefore).toContain('TEMP B-TREE')

    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 5),
    )
    expect(db.pragma('user_version', { simple: true })).toBe(5)
    const planAfter = JSON.stringify(db.prepare(`EXPLAIN QUERY PLAN ${LIST_QUERY}`).all())
    expect(planAfter).toContain('todos_in_list_order')
    expect(planAfter).not.toContain('TEMP B-TREE')
  })
})
