import { createHash } from 'node:crypto'
import path from 'node:path'
import { getLoadablePath } from 'sqlite-vec'
import type { SearchHit } from '../../shared/contract/domains/search'
import type { ServiceContext } from '../services/context'
import { writeTransaction } from '../services/sql'

/** The index lives beside the database: derived data, rebuilt by use, never backed up or exported. */
export const VECTOR_FILE = 'vectors.db'
/** Most items the index keeps; the ones not seen for longest go first. */
export const MAX_INDEXED = 50_000

export interface IndexedItem {
  hit: SearchHit
  vector: number[]
}

type Db = ServiceContext['db']

const toBlob = (vector: number[]) => Buffer.from(new Float32Array(vector).buffer)
const fromBlob = (blob: Buffer) =>
  Array.from(new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / Float32Array.BYTES_PER_ELEMENT))

/** What was embedded: a change of the text makes the stored vector stale. */
export const textHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32)

interface ItemRow {
  id: number
  kind: SearchHit['kind']
  item_id: number
  title: string
  snippet: string
  created_at: number
  conversation_id: number | null
  hash: string
}

/**
 * Embeddings of what chat has looked at, in sqlite-vec (a vec0 table with cosine distance) in a file of its
 * own attached to the core's connection. Vectors are stored per model: a new embedding model starts a new
 * index. The index grows with use — every candidate chat embeds is kept — so later questions reuse the
 * vectors instead of paying for them again, and find by meaning items that share no word with the question.
 */
export class VectorIndex {
  private constructor(
    private readonly db: Db,
    private readonly dims: number,
  ) {}

  /** Loads sqlite-vec into the connection and attaches the index file, once per connection. */
  private static attach(db: Db): Record<string, string> {
    const attached = db.prepare<[], { name: string }>('PRAGMA database_list').all()
    if (!attached.some((schema) => schema.name === 'vectors')) {
      // Inside a packaged app the extension is unpacked beside the archive (electron-builder asarUnpack).
      db.loadExtension(getLoadablePath().replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`))
      db.prepare('ATTACH DATABASE ? AS vectors').run(path.join(path.dirname(db.name), VECTOR_FILE))
    }
    db.exec(`CREATE TABLE IF NOT EXISTS vectors.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`)
    const meta = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM vectors.meta').all()
    return Object.fromEntries(meta.map((row) => [row.key, row.value]))
  }

  /** The index already built for `model` (after a restart), or null when there is none yet. */
  static openExisting(db: Db, model: string): VectorIndex | null {
    const current = VectorIndex.attach(db)
    const dims = Number(current.dims)
    return current.model === model && Number.isInteger(dims) && dims > 0
      ? VectorIndex.open(db, model, dims)
      : null
  }

  /**
   * Attaches the index for `model` with vectors of `dims` numbers, starting it afresh when the model or the
   * length changed. Throws when the extension cannot be loaded here; the caller then ranks without an index.
   */
  static open(db: Db, model: string, dims: number): VectorIndex {
    const current = VectorIndex.attach(db)
    if (current.model !== model || current.dims !== String(dims)) {
      db.exec('DROP TABLE IF EXISTS vectors.vec_items; DROP TABLE IF EXISTS vectors.items')
      const setMeta = db.prepare('INSERT OR REPLACE INTO vectors.meta (key, value) VALUES (?, ?)')
      setMeta.run('model', model)
      setMeta.run('dims', String(dims))
    }
    db.exec(`CREATE TABLE IF NOT EXISTS vectors.items (
      id INTEGER PRIMARY KEY, kind TEXT NOT NULL, item_id INTEGER NOT NULL, title TEXT NOT NULL,
      snippet TEXT NOT NULL, created_at INTEGER NOT NULL, conversation_id INTEGER, hash TEXT NOT NULL,
      used_at INTEGER NOT NULL, UNIQUE (kind, item_id)) STRICT`)
    db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS vectors.vec_items USING vec0(embedding float[${dims}] distance_metric=cosine)`,
    )
    return new VectorIndex(db, dims)
  }

  private hitOf(row: ItemRow): SearchHit {
    return {
      kind: row.kind,
      id: row.item_id,
      title: row.title,
      snippet: row.snippet,
      highlights: [],
      createdAt: row.created_at,
      conversationId: row.conversation_id,
    }
  }

  /** Stored vectors of these hits whose text has not changed since, by `kind:id`. */
  lookup(hits: { hit: SearchHit; hash: string }[]): Map<string, number[]> {
    const find = this.db.prepare<[string, number], ItemRow>(
      'SELECT * FROM vectors.items WHERE kind = ? AND item_id = ?',
    )
    const vectorOf = this.db.prepare<[bigint], { embedding: Buffer }>(
      'SELECT embedding FROM vectors.vec_items WHERE rowid = ?',
    )
    const found = new Map<string, number[]>()
    for (const { hit, hash } of hits) {
      const row = find.get(hit.kind, hit.id)
      if (!row || row.hash !== hash) continue
      const stored = vectorOf.get(BigInt(row.id))
      if (stored) found.set(`${hit.kind}:${hit.id}`, fromBlob(stored.embedding))
    }
    return found
  }

  store(items: { hit: SearchHit; hash: string; vector: number[] }[], now: number): void {
    const usable = items.filter((item) => item.vector.length === this.dims)
    if (usable.length === 0) return
    writeTransaction(this.db, () => {
      const upsert = this.db.prepare<unknown[], { id: number }>(
        `INSERT INTO vectors.items (kind, item_id, title, snippet, created_at, conversation_id, hash, used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, item_id) DO UPDATE SET title = excluded.title, snippet = excluded.snippet,
           hash = excluded.hash, used_at = excluded.used_at
         RETURNING id`,
      )
      const drop = this.db.prepare('DELETE FROM vectors.vec_items WHERE rowid = ?')
      const insert = this.db.prepare('INSERT INTO vectors.vec_items (rowid, embedding) VALUES (?, ?)')
      for (const { hit, hash, vector } of usable) {
        const { id } = upsert.get(
          hit.kind,
          hit.id,
          hit.title,
          hit.snippet,
          hit.createdAt,
          hit.conversationId,
          hash,
          now,
        ) as { id: number }
        // vec0 wants an integer key: a JavaScript number would be bound as a REAL.
        drop.run(BigInt(id))
        insert.run(BigInt(id), toBlob(vector))
      }
      this.prune()
    })
  }

  private prune(): void {
    const count = this.db.prepare('SELECT count(*) FROM vectors.items').pluck().get() as number
    if (count <= MAX_INDEXED) return
    const oldest = this.db
      .prepare<[number], number>('SELECT id FROM vectors.items ORDER BY used_at LIMIT ?')
      .pluck()
      .all(count - MAX_INDEXED)
    const dropVector = this.db.prepare('DELETE FROM vectors.vec_items WHERE rowid = ?')
    const dropItem = this.db.prepare('DELETE FROM vectors.items WHERE id = ?')
    for (const id of oldest) {
      dropVector.run(BigInt(id))
      dropItem.run(id)
    }
  }

  /** Forgets an item that no longer exists. */
  forget(kind: SearchHit['kind'], itemId: number): void {
    writeTransaction(this.db, () => {
      const id = this.db
        .prepare<[string, number], number>('SELECT id FROM vectors.items WHERE kind = ? AND item_id = ?')
        .pluck()
        .get(kind, itemId)
      if (id === undefined) return
      this.db.prepare('DELETE FROM vectors.vec_items WHERE rowid = ?').run(BigInt(id))
      this.db.prepare('DELETE FROM vectors.items WHERE id = ?').run(id)
    })
  }

  /** The `k` stored items closest in meaning to `vector`, closest first, with their cosine similarity. */
  nearest(vector: number[], k: number): { hit: SearchHit; similarity: number }[] {
    if (vector.length !== this.dims) return []
    const rows = this.db
      .prepare<[Buffer, number], ItemRow & { distance: number }>(
        `SELECT i.*, v.distance FROM (
           SELECT rowid, distance FROM vectors.vec_items WHERE embedding MATCH ? AND k = ?
         ) v JOIN vectors.items i ON i.id = v.rowid ORDER BY v.distance`,
      )
      .all(toBlob(vector), k)
    return rows.map((row) => ({ hit: this.hitOf(row), similarity: 1 - row.distance }))
  }

  size(): number {
    return this.db.prepare('SELECT count(*) FROM vectors.items').pluck().get() as number
  }
}
