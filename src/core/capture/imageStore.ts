import fs from 'node:fs'
import path from 'node:path'
import type { ScreenFrame } from './frame'

export const CAPTURES_FOLDER = 'captures'

/** A file name that cannot leave its folder whatever the platform calls its displays. */
function safeName(displayId: string): string {
  return displayId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'display'
}

/** Where a frame's image goes, relative to the data folder: captures/YYYY-MM-DD (UTC)/<time>-<display>.<ext>. */
export function framePath(frame: ScreenFrame): string {
  const day = new Date(frame.capturedAt).toISOString().slice(0, 10)
  const ext = frame.image.format === 'jpeg' ? 'jpg' : frame.image.format
  return path.posix.join(CAPTURES_FOLDER, day, `${frame.capturedAt}-${safeName(frame.displayId)}.${ext}`)
}

/** The path itself, or with -1, -2... added when a frame of the same display and millisecond is already there. */
export function uniquePath(dataDir: string, relativePath: string): string {
  const dot = relativePath.lastIndexOf('.')
  let candidate = relativePath
  for (let n = 1; fs.existsSync(path.join(dataDir, candidate)); n += 1) {
    candidate = `${relativePath.slice(0, dot)}-${n}${relativePath.slice(dot)}`
  }
  return candidate
}

/**
 * Writes an image under the data folder through a temporary file and a rename, so a crash never leaves a
 * half-written image under its final name.
 */
export function writeImage(dataDir: string, relativePath: string, data: Uint8Array): void {
  const target = path.join(dataDir, relativePath)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const temporary = `${target}.${process.pid}.tmp`
  fs.writeFileSync(temporary, data)
  fs.renameSync(temporary, target)
}

export function removeImage(dataDir: string, relativePath: string): void {
  fs.rmSync(path.join(dataDir, relativePath), { force: true })
}
