import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'

/** A few bytes standing in for a JPEG: the scripted vision model only needs to receive them. */
export const FIXTURE_IMAGE = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex')

/**
 * Frames as the capture pipeline stores them: an image under captures/ and a `captures` row, written on a
 * connection of their own (the core's stays open, as when capture runs beside the AI).
 */
export function insertFrames(dataDir: string, times: number[]): number[] {
  const db = new Database(path.join(dataDir, 'cairn.db'))
  try {
    db.pragma('busy_timeout = 5000')
    const insert = db.prepare(
      `INSERT INTO captures (captured_at, display_id, path, format, bytes, phash, app_name, window_title)
       VALUES (?, 'display:1', ?, 'jpeg', ?, '0123456789abcdef', 'Editor', 'report.md')`,
    )
    return times.map((time) => {
      // The layout Cairn writes (an import refuses any other).
      const folder = `captures/${new Date(time).toISOString().slice(0, 10)}`
      const relative = `${folder}/${time}-display_1.jpg`
      fs.mkdirSync(path.join(dataDir, folder), { recursive: true })
      fs.writeFileSync(path.join(dataDir, relative), FIXTURE_IMAGE)
      return Number(insert.run(time, relative, FIXTURE_IMAGE.length).lastInsertRowid)
    })
  } finally {
    db.close()
  }
}
