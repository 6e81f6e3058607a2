import { createHash } from 'node:crypto'
import fs from 'node:fs'

/**
 * A clean quit leaves `cairn.db.clean` beside the database: the file's size, its modification time in
 * nanoseconds and a digest of its first page right after the final FULL checkpoint. The next start that finds
 * the file exactly so skips the start-up quick_check (12.5 s on a 664 MB database under load); after a crash, a
 * kill, a restore or any change to the file the marker is missing or does not match, and the check runs. The
 * marker is taken away at every start, so a crash in this session can never leave a stale one.
 *
 * The time is compared at the file system's own precision, as `statSync(…, { bigint: true })` gives it: a
 * millisecond rounding (what a `Date` carries) matched on one file system and not on another. A copy tool that
 * keeps less than the full time makes the marker miss, and the check runs: the safe side.
 */
const markerPath = (file: string): string => `${file}.clean`

/** SQLite's header and the schema's root live in the first page; 4 KiB covers it at every page size we use. */
const HEADER_BYTES = 4096

interface Marker {
  size: string
  mtimeNs: string
  header: string
}

function headerDigest(file: string): string {
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(HEADER_BYTES)
    const read = fs.readSync(fd, buffer, 0, HEADER_BYTES, 0)
    return createHash('sha256').update(buffer.subarray(0, read)).digest('hex')
  } finally {
    fs.closeSync(fd)
  }
}

function markerOf(file: string): Marker {
  const stat = fs.statSync(file, { bigint: true })
  return { size: stat.size.toString(), mtimeNs: stat.mtimeNs.toString(), header: headerDigest(file) }
}

/** After the database is checkpointed and closed: what a clean quit left. */
export function markCleanShutdown(file: string): void {
  try {
    const temp = `${markerPath(file)}.tmp`
    fs.writeFileSync(temp, JSON.stringify(markerOf(file)), { mode: 0o600 })
    fs.renameSync(temp, markerPath(file))
  } catch {
    // Without a marker the next start checks the file: the safe side.
  }
}

/** Removes the marker and says whether the file is exactly as the last clean quit left it. */
export function takeCleanShutdown(file: string): boolean {
  const marker = markerPath(file)
  let content: Partial<Marker>
  try {
    content = JSON.parse(fs.readFileSync(marker, 'utf8')) as Partial<Marker>
  } catch {
    return false
  }
  fs.rmSync(marker, { force: true })
  try {
    if (fs.existsSync(`${file}-wal`)) return false
    const now = markerOf(file)
    return now.size === content.size && now.mtimeNs === content.mtimeNs && now.header === content.header
  } catch {
    return false
  }
}
