import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { VectorIndex, textHash } from '../../src/core/chat/vectorIndex'
import type { SearchHit } from '../../src/shared/contract/domains/search'
import { tempDir } from '../support/tempDir'

const hit = (kind: SearchHit['kind'], id: number, title: string): SearchHit => ({
  kind,
  id,
  title,
  snippet: title.toLowerCase(),
  highlights: [],
  createdAt: id,
  conversationId: null,
})

function database() {
  const db = new Database(path.join(tempDir(), 'cairn.db'))
  onTestFinished(() => {
    db.close()
  })
  return db
}

describe('the chat’s vector index (sqlite-vec)', () => {
  it('finds the closest items by cosine similarity and returns stored vectors only while the text is unchanged', () => {
    const db = database()
    const index = VectorIndex.open(db, 'embed-a', 3)
    const plan = hit('vault', 1, 'Walrus plan')
    const todo = hit('todo', 2, 'Feed the walrus')
    const tip = hit('tip', 3, 'Drink water')
    index.store(
      [
        { hit: plan, hash: textHash('plan v1'), vector: [1, 0, 0] },
        { hit: todo, hash: textHash('todo'), vector: [0.7, 0.7, 0] },
        { hit: tip, hash: textHash('tip'), vector: [0, 0, 1] },
      ],
      1_000,
    )
    const nearest = index.nearest([0.9, 0.1, 0], 2)
    expect(nearest.map((item) => item.hit.title)).toEqual(['Walrus plan', 'Feed the walrus'])
    expect(nearest[0]?.similarity).toBeCloseTo(0.994, 2)

    const found = index.lookup([
      { hit: plan, hash: textHash('plan v2') },
      { hit: todo, hash: textHash('todo') },
    ])
    expect([...found.keys()]).toEqual(['todo:2'])
    expect(found.get('todo:2')?.map((x) => Number(x.toFixed(3)))).toEqual([0.7, 0.7, 0])

    index.forget('todo', 2)
    expect(index.size()).toBe(2)
    expect(index.nearest([0.7, 0.7, 0], 3).map((item) => item.hit.kind)).not.toContain('todo')
  })

  it('is kept across connections for the same model, and started afresh for another model', () => {
    const dir = tempDir()
    const first = new Database(path.join(dir, 'cairn.db'))
    VectorIndex.open(first, 'embed-a', 2).store(
      [{ hit: hit('activity', 5, 'Standup'), hash: 'h', vector: [1, 0] }],
      1,
    )
    first.close()

    const second = new Database(path.join(dir, 'cairn.db'))
    onTestFinished(() => {
      second.close()
    })
    expect(VectorIndex.openExisting(second, 'embed-b')).toBeNull()
    const kept = VectorIndex.openExisting(second, 'embed-a')
    expect(kept?.size()).toBe(1)
    // Another model's vectors are not comparable: its index starts empty (and drops the old one).
    expect(VectorIndex.open(second, 'embed-b', 4).size()).toBe(0)
    expect(VectorIndex.openExisting(second, 'embed-a')).toBeNull()
  })
})
