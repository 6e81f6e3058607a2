import { describe, expect, it } from 'vitest'
import { checkFtsIntegrity, openTestCore } from '../support/core'
import type { TestCore } from '../support/core'

/** The whole tree in order (parents before children), read a level at a time as the Vaults screen does. */
const titles = (t: TestCore, trash = false, parentId: number | null = null): string[] =>
  t
    .call('vaults.tree', { trash, parentId })
    .nodes.flatMap((node) =>
      !trash && node.childCount > 0 ? [node.title, ...titles(t, false, node.id)] : [node.title],
    )
const children = (t: TestCore, parentId: number | null): string[] =>
  t.call('vaults.list', { parentId }).items.map((item) => item.title)
const found = (t: TestCore, query: string): number[] =>
  t.call('search.query', { query, kinds: ['vault'] }).hits.map((hit) => hit.id)

describe('vaults', () => {
  it('creates folders and documents and reads them back', () => {
    const t = openTestCore()
    const folder = t.call('vaults.create', { title: 'Work', isFolder: true })
    expect(folder).toMatchObject({
      title: 'Work',
      isFolder: true,
      parentId: null,
      isDeleted: false,
      sortOrder: 0,
    })
    const doc = t.call('vaults.create', {
      title: 'Weekly',
      content: '# Week 3\nshipped',
      summary: 'what happened',
      tags: ['report', 'team'],
      parentId: folder.id,
      documentType: 'weekly_report',
    })
    expect(t.call('vaults.get', { id: doc.id })).toEqual({
      id: doc.id,
      title: 'Weekly',
      summary: 'what happened',
      content: '# Week 3\nshipped',
      tags: ['report', 'team'],
      parentId: folder.id,
      isFolder: false,
      isDeleted: false,
      deletedAt: null,
      documentType: 'weekly_report',
      sortOrder: 0,
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    })
    expect(t.eventsNamed('vaults.changed')).toEqual([
      { action: 'created', id: folder.id },
      { action: 'created', id: doc.id },
    ])
    expect(t.fail('vaults.get', { id: 999 }).code).toBe('NOT_FOUND')
    expect(t.fail('vaults.create', { title: 'x', parentId: 999 }).code).toBe('NOT_FOUND')
    expect(t.fail('vaults.create', { title: 'x', parentId: doc.id }).code).toBe('FAILED_PRECONDITION')
  })

  it('lists by type and creation time, most recently updated first', () => {
    const t = openTestCore()
    const start = t.clock.now()
    const daily = t.call('vaults.create', { title: 'Monday', documentType: 'daily_report' })
    t.clock.advance(1000)
    const note = t.call('vaults.create', { title: 'Idea' })
    t.clock.advance(1000)
    const daily2 = t.call('vaults.create', { title: 'Tuesday', documentType: 'daily_report' })
    t.clock.advance(1000)
    t.call('vaults.update', { id: daily.id, content: 'edited later' })
    expect(t.call('vaults.list', { documentType: 'daily_report' }).items.map((item) => item.id)).toEqual([
      daily.id,
      daily2.id,
    ])
    expect(
      t.call('vaults.list', { from: start + 500, to: start + 2500 }).items.map((item) => item.id),
    ).toEqual([daily2.id, note.id])
    expect(t.call('vaults.list', { limit: 1, offset: 1 })).toMatchObject({
      items: [{ id: daily2.id }],
      total: 3,
    })
  })

  it('keeps a nested tree in folder order: parents before their children, siblings in order', () => {
    const t = openTestCore()
    const a = t.call('vaults.create', { title: 'A', isFolder: true })
    const b = t.call('vaults.create', { title: 'B', isFolder: true })
    t.call('vaults.create', { title: 'A1', parentId: a.id })
    const a2 = t.call('vaults.create', { title: 'A2', isFolder: true, parentId: a.id })
    t.call('vaults.create', { title: 'A2x', parentId: a2.id })
    t.call('vaults.create', { title: 'B1', parentId: b.id })
    t.call('vaults.create', { title: 'C' })
    expect(titles(t)).toEqual(['A', 'A1', 'A2', 'A2x', 'B', 'B1', 'C'])
    expect(children(t, null)).toEqual(['A', 'B', 'C'])
    expect(children(t, a.id)).toEqual(['A1', 'A2'])
    // A level: no bodies, how many items each holds, a page at a time with the total.
    expect(t.call('vaults.tree', {}).nodes.map((node) => [node.title, node.childCount])).toEqual([
      ['A', 2],
      ['B', 1],
      ['C', 0],
    ])
    expect(t.call('vaults.tree', {}).nodes[0]).not.toHaveProperty('content')
    expect(t.call('vaults.tree', { parentId: a.id, limit: 1, offset: 1 })).toMatchObject({
      nodes: [{ title: 'A2', childCount: 1 }],
      total: 2,
    })
  })

  it('moves and reorders with an index among the new siblings', () => {
    const t = openTestCore()
    const [a, b, c] = ['A', 'B', 'C'].map((title) => t.call('vaults.create', { title }))
    const folder = t.call('vaults.create', { title: 'F', isFolder: true })
    if (!a || !b || !c) throw new Error('setup')
    t.call('vaults.move', { id: c.id, parentId: null, index: 0 })
    expect(children(t, null)).toEqual(['C', 'A', 'B', 'F'])
    t.call('vaults.move', { id: c.id, parentId: null, index: 2 })
    expect(children(t, null)).toEqual(['A', 'B', 'C', 'F'])
    t.call('vaults.move', { id: c.id, parentId: null })
    expect(children(t, null)).toEqual(['A', 'B', 'F', 'C'])
    t.call('vaults.move', { id: c.id, parentId: null, index: 1000 })
    expect(children(t, null)).toEqual(['A', 'B', 'F', 'C'])

    const moved = t.call('vaults.move', { id: a.id, parentId: folder.id })
    expect(moved).toMatchObject({ parentId: folder.id, sortOrder: 0 })
    t.call('vaults.move', { id: b.id, parentId: folder.id, index: 0 })
    expect(children(t, folder.id)).toEqual(['B', 'A'])
    expect(children(t, null)).toEqual(['F', 'C'])
    expect(titles(t)).toEqual(['F', 'B', 'A', 'C'])
    // A new item goes at the end of its folder.
    t.call('vaults.create', { title: 'D', parentId: folder.id })
    expect(children(t, folder.id)).toEqual(['B', 'A', 'D'])
  })

  it('refuses to move a folder into itself or into one of its own folders, changing nothing', () => {
    const t = openTestCore()
    const outer = t.call('vaults.create', { title: 'Outer', isFolder: true })
    const middle = t.call('vaults.create', { title: 'Middle', isFolder: true, parentId: outer.id })
    const inner = t.call('vaults.create', { title: 'Inner', isFolder: true, parentId: middle.id })
    const doc = t.call('vaults.create', { title: 'Doc' })
    for (const target of [outer, middle, inner]) {
      expect(t.fail('vaults.move', { id: outer.id, parentId: target.id }).code).toBe('FAILED_PRECONDITION')
    }
    expect(t.fail('vaults.move', { id: outer.id, parentId: doc.id }).code).toBe('FAILED_PRECONDITION')
    expect(t.fail('vaults.move', { id: outer.id, parentId: 12345 }).code).toBe('NOT_FOUND')
    expect(titles(t)).toEqual(['Outer', 'Middle', 'Inner', 'Doc'])
    // Moving a deeper folder up is fine.
    t.call('vaults.move', { id: inner.id, parentId: null, index: 0 })
    expect(titles(t)).toEqual(['Inner', 'Outer', 'Middle', 'Doc'])
  })

  it('changes a document, but refuses a body on a folder', () => {
    const t = openTestCore()
    const doc = t.call('vaults.create', { title: 'Draft', content: 'v1', tags: ['x'] })
    t.clock.advance(5)
    const updated = t.call('vaults.update', { id: doc.id, content: 'v2' })
    expect(updated).toMatchObject({
      title: 'Draft',
      content: 'v2',
      tags: ['x'],
      updatedAt: doc.updatedAt + 5,
    })
    const folder = t.call('vaults.create', { title: 'F', isFolder: true })
    expect(t.fail('vaults.update', { id: folder.id, content: 'no' }).code).toBe('FAILED_PRECONDITION')
    expect(t.call('vaults.update', { id: folder.id, title: 'Renamed' }).title).toBe('Renamed')
  })

  it('trashes a folder with everything in it and restores it the same way', () => {
    const t = openTestCore()
    const folder = t.call('vaults.create', { title: 'Trip', isFolder: true })
    const sub = t.call('vaults.create', { title: 'Bookings', isFolder: true, parentId: folder.id })
    const doc = t.call('vaults.create', { title: 'Hotel', content: 'seaside lodge', parentId: sub.id })
    t.call('vaults.create', { title: 'Keep' })
    t.clock.advance(10)
    const trashed = t.call('vaults.trash', { id: folder.id })
    expect(trashed).toMatchObject({ isDeleted: true, deletedAt: t.clock.now() })
    expect(t.call('vaults.get', { id: doc.id })).toMatchObject({ isDeleted: true })
    expect(titles(t)).toEqual(['Keep'])
    expect(titles(t, true)).toEqual(['Trip'])
    expect(t.call('vaults.list', { trash: true }).total).toBe(3)
    expect(found(t, 'seaside')).toEqual([])
    expect(t.fail('vaults.move', { id: doc.id, parentId: null }).code).toBe('FAILED_PRECONDITION')
    expect(t.fail('vaults.create', { title: 'x', parentId: sub.id }).code).toBe('FAILED_PRECONDITION')

    const restored = t.call('vaults.restore', { id: folder.id })
    expect(restored).toMatchObject({ isDeleted: false, deletedAt: null, parentId: null })
    expect(titles(t)).toEqual(['Trip', 'Bookings', 'Hotel', 'Keep'])
    expect(found(t, 'seaside')).toEqual([doc.id])
  })

  it('restores an item to the top level when its folder is still in the trash', () => {
    const t = openTestCore()
    const folder = t.call('vaults.create', { title: 'Old', isFolder: true })
    const doc = t.call('vaults.create', { title: 'Letter', parentId: folder.id })
    t.call('vaults.create', { title: 'Other' })
    t.call('vaults.trash', { id: folder.id })
    const restored = t.call('vaults.restore', { id: doc.id })
    expect(restored).toMatchObject({ isDeleted: false, parentId: null })
    expect(titles(t)).toEqual(['Other', 'Letter'])
    expect(titles(t, true)).toEqual(['Old'])
  })

  it('keeps an item trashed on its own in the trash when its folder is restored', () => {
    const t = openTestCore()
    const folder = t.call('vaults.create', { title: 'Folder', isFolder: true })
    const unwanted = t.call('vaults.create', { title: 'Unwanted', parentId: folder.id })
    t.call('vaults.create', { title: 'Wanted', parentId: folder.id })
    t.call('vaults.trash', { id: unwanted.id })
    t.clock.advance(1000)
    t.call('vaults.trash', { id: folder.id })
    expect(titles(t, true)).toEqual(['Folder'])
    t.call('vaults.restore', { id: folder.id })
    expect(titles(t)).toEqual(['Folder', 'Wanted'])
    expect(t.call('vaults.get', { id: unwanted.id })).toMatchObject({ isDeleted: true, parentId: folder.id })
    expect(titles(t, true)).toEqual(['Unwanted'])
  })

  it('deletes for good only from the trash, with everything inside, and drops it from search', () => {
    const t = openTestCore()
    const folder = t.call('vaults.create', { title: 'Archive', isFolder: true })
    const doc = t.call('vaults.create', {
      title: 'Receipt',
      content: 'zanzibar invoice',
      parentId: folder.id,
    })
    expect(found(t, 'zanzibar')).toEqual([doc.id])
    expect(t.fail('vaults.delete', { id: folder.id }).code).toBe('FAILED_PRECONDITION')
    expect(t.call('vaults.get', { id: doc.id }).isDeleted).toBe(false)

    t.call('vaults.trash', { id: folder.id })
    expect(t.call('vaults.delete', { id: folder.id })).toEqual({ id: folder.id, deleted: true, removed: 2 })
    expect(t.fail('vaults.get', { id: doc.id }).code).toBe('NOT_FOUND')
    expect(t.fail('vaults.delete', { id: folder.id }).code).toBe('NOT_FOUND')
    expect(titles(t, true)).toEqual([])
    // A new document must not inherit the old one's words from the index.
    const fresh = t.call('vaults.create', { title: 'Fresh', content: 'nothing special' })
    expect(found(t, 'zanzibar')).toEqual([])
    expect(found(t, 'special')).toEqual([fresh.id])
    t.close()
    checkFtsIntegrity(t.core.databasePath, ['vaults_fts'])
  })
})
