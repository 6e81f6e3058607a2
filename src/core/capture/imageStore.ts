import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../shared/contract/errors'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../platform/privateFiles'
import type { ScreenFrame } from './frame'

export const CAPTURES_FOLDER = 'captures'

/** The only shape of stored screenshot path Cairn writes (see framePath and uniquePath). */
export const CAPTURE_PATH_PATTERN = /^captures\/\d{4}-\d{2}-\d{2}\/[A-Za-z0-9_-]{1,120}\.(?:jpg|png|webp)$/

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
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE })
  const temporary = `${target}.${process.pid}.tmp`
  fs.writeFileSync(temporary, data, { mode: PRIVATE_FILE_MODE })
  fs.renameSync(temporary, target)
}

/** True when `inner` is `outer` itself or lies below it; case-insensitive where the file system usually is. */
export function isInside(
  outer: string,
  inner: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  const fold = platform === 'darwin' || platform === 'win32' ? (value: string) => value.toLowerCase() : String
  const relative = path.relative(fold(outer), fold(inner))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * The real file behind a stored screenshot path, or null when there is none. A stored path is data (it may have
 * come from an import or an old database): it is resolved through every link with realpath and refused when
 * the file it names is not inside the data folder's captures folder.
 */
export function resolveStoredImage(dataDir: string, relativePath: string): string | null {
  const outside = () =>
    new AppError(
      'FAILED_PRECONDITION',
      'That screenshot’s stored path leads outside the data folder; Cairn does not read or delete it.',
    )
  if (path.isAbsolute(relativePath) || relativePath.includes('\u0000')) throw outside()
  let root: string
  let real: string
  try {
    root = fs.realpathSync(path.join(dataDir, CAPTURES_FOLDER))
    real = fs.realpathSync(path.join(dataDir, relativePath))
  } catch {
    if (!isInside(path.resolve(dataDir, CAPTURES_FOLDER), path.resolve(dataDir, relativePath)))
      throw outside()
    return null
  }
  if (!isInside(root, real) || real === root) throw outside()
  return real
}

/** Deletes a stored screenshot; a path that leads outside the data folder is left alone (and false returned). */
export function removeImage(dataDir: string, relativePath: string): boolean {
  let file: string | null
  try {
    file = resolveStoredImage(dataDir, relativePath)
  } catch {
    return false
  }
  if (file !== null) fs.rmSync(file, { force: true })
  return true
}
