import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { LONGEST_SPAN, OVERLAPS } from '../../services/activities'
import { migratedTo } from '../../../../test/support/migratedTo'

const SPAN_QUERY = LONGEST_SPAN.slice(1, -1)
const PAGE_QUERY = `SELECT id FROM activities ${OVERLAPS} ORDER BY start_at, id LIMIT 200`

const plan = (db: Database.Database, sql: string) => {
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`)
  return JSON.stringify(sql.includes('@') ? statement.all({ from: 0, to: 1 }) : statement.all())
}

describe('migration 9: activity span index', () => {
  it('reads the longest span off an index instead of scanning every activity', () => {
    // Before: every row read (no index holds the expression).
    expect(plan(migratedTo(8), SPAN_QUERY)).not.toContain('INDEX')
    const db = migratedTo(9)
    expect(db.pragma('user_version', { simple: true })).toBe(9)
    expect(plan(db, SPAN_QUERY)).toContain('COVERING INDEX activities_by_span')
    // A day's page is one range of the start index, bounded on both sides.
    expect(plan(db, PAGE_QUERY)).toMatch(/activities_by_start \(start_at>\? AND start_at<\?\)/)
  })

  it('finds exactly the activities a scan of every row finds, as spans grow and shrink', () => {
    const db = migratedTo(9)
    const insert = db.prepare(
      'INSERT INTO activities (title, start_at, end_at, created_at) VALUES (?, ?, ?, 0)',
    )
    let seed = 7
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647
      return seed / 2_147_483_647
    }
    for (let i = 0; i < 2_000; i++) {
      const start = Math.floor(random() * 1_000_000)
      // Mostly short, a few very long: the bound must follow the longest.
      const span = random() < 0.01 ? Math.floor(random() * 400_000) : Math.floor(random() * 2_000)
      insert.run(`a${i}`, start, start + span)
    }
    const page = db
      .prepare<Record<string, number>, number>(`SELECT id FROM activities ${OVERLAPS} ORDER BY id`)
      .pluck()
    const scan = db
      .prepare<Record<string, number>, number>(
        'SELECT id FROM activities WHERE +start_at < @to AND +end_at >= @from ORDER BY id',
      )
      .pluck()
    const check = () => {
      for (let i = 0; i < 200; i++) {
        const from = Math.floor(random() * 1_100_000) - 50_000
        const to = from + 1 + Math.floor(random() * 20_000)
        expect(page.all({ from, to })).toEqual(scan.all({ from, to }))
      }
    }
    check()
    // The longest ones go: the bound shrinks with them and still misses nothing.
    db.exec('DELETE FROM activities WHERE end_at - start_at > 2000')
    check()
    db.exec('DELETE FROM activities')
    expect(page.all({ from: 0, to: 10 })).toEqual([])
  })
})
