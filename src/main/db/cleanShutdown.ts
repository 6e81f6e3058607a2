import fs from 'node:fs'

/**
 * A clean quit leaves `cairn.db.clean` beside the database: the file's size and modification time right after
 * the final FULL checkpoint. The next start that finds the file exactly so skips the start-up quick_check
 * (12.5 s on a 664 MB database under load); after a crash, a kill, a restore or any change to the file the
 * marker is missing or does not match, and the check runs. The marker is taken away at every start, so a
 * crash in this session can never leave a stale one.
 */
const markerPath = (file: string): string => `${file}.clean`

interface Marker {
  size: number
  mtimeMs: number
}

/** After the database is checkpointed and closed: what a clean quit left. */
export function markCleanShutdown(file: string): void {
  try {
    const stat = fs.statSync(file)
    // Whole milliseconds: what every file system and copy tool keeps.
    const marker: Marker = { size: stat.size, mtimeMs: Math.floor(stat.mtimeMs) }
    const temp = `${markerPath(file)}.tmp`
    fs.writeFileSync(temp, JSON.stringify(marker))
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
    const stat = fs.statSync(file)
    return (
      stat.size === content.size &&
      Math.floor(stat.mtimeMs) === content.mtimeMs &&
      !fs.existsSync(`${file}-wal`)
    )
  } catch {
    return false
  }
}
