import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { DATABASE_FILE } from '../src/core/db/open'
import { createCore } from '../src/core/runtime/createCore'
import { createFrames } from './frames'
import {
  checkIntegrity,
  frameIndexDigest,
  frameSizes,
  optimizeScreens,
  seedFast,
  seedRowByRow,
} from './seedFrames'
import { count } from './table'

/** A data folder with the core's schema, and a plain connection to its database for seeding. */
export function openSeeding(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, DATABASE_FILE))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  return db
}

export function newDataDir(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-recall-'))
  createCore({ dataDir, validateOutput: false }).close()
  return dataDir
}

const perFrame = (bytes: number, frames: number) => `${count(Math.round(bytes / frames))} B`

/**
 * The fast seeder must not lie: on `frames` frames it and the app's way (one row at a time, the triggers
 * indexing each) must leave the same rows and the same search index. Throws when they differ.
 */
export async function checkFastSeed(
  frames: number,
  seed: number,
  log: (line: string) => void,
): Promise<void> {
  const dirs = [newDataDir(), newDataDir()]
  const [slow, fast] = dirs.map(openSeeding)
  if (!slow || !fast) throw new Error('no database to check')
  try {
    const started = performance.now()
    seedRowByRow(slow, createFrames(seed), frames)
    const rowMs = (performance.now() - started) / frames
    await seedFast(fast, createFrames(seed), frames, () => undefined)
    const built = [frameIndexDigest(slow), frameIndexDigest(fast)]
    const builtSizes = [frameSizes(slow).index, frameSizes(fast).index]
    for (const db of [slow, fast]) {
      optimizeScreens(db)
      checkIntegrity(db)
    }
    const [appWay, fastWay] = [frameIndexDigest(slow), frameIndexDigest(fast)]
    if (!appWay || !fastWay || appWay.digest !== fastWay.digest || appWay.instances === 0)
      throw new Error(
        `the fast seeder's database differs from row-by-row inserts on ${frames} frames: ${JSON.stringify([appWay, fastWay])}`,
      )
    const sameBuilt = built[0]?.digest === built[1]?.digest
    log(
      `check: ${count(frames)} frames inserted row by row (triggers indexing each, ${rowMs.toFixed(1)} ms a frame) and by the fast seeder give the same rows and the same screens_fts (${count(fastWay.instances)} tokens, sha256 ${fastWay.digest.slice(0, 12)}), integrity-check passes${sameBuilt ? ', before and after optimize' : ' after optimize'}`,
    )
    log(
      `check: screens_fts before optimize ${perFrame(builtSizes[0] ?? 0, frames)} a frame row by row (its replaced title-only rows not yet merged away), ${perFrame(builtSizes[1] ?? 0, frames)} fast; after ${perFrame(frameSizes(fast).index, frames)}`,
    )
  } finally {
    slow.close()
    fast.close()
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  }
}
