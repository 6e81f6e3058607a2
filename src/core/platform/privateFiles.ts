import fs from 'node:fs'
import { isMainThread } from 'node:worker_threads'

/** Everything Cairn writes is the person's alone: folders 0700, files 0600 (where the OS has POSIX modes). */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/**
 * Files made by anything in this process (SQLite's WAL and shared memory, backup copies, exports) get no
 * group or other bits. A worker thread cannot change the umask (Node refuses), so the process that starts the
 * core worker calls this first; each writer also passes its mode explicitly.
 */
export function restrictUmask(): void {
  if (isMainThread && process.platform !== 'win32') process.umask(0o077)
}

/** chmod that ignores file systems without POSIX modes and files that are already gone. */
export function chmodPrivate(file: string, mode = PRIVATE_FILE_MODE): void {
  if (process.platform === 'win32') return
  try {
    fs.chmodSync(file, mode)
  } catch {
    // Removed in the meantime, or a file system without modes (FAT, some network shares).
  }
}

/**
 * Creates the data folder 0700, and tightens an existing one that this user owns (an older Cairn made it with
 * the default umask, so 0755). A folder owned by someone else is left as it is: it is not Cairn's to change.
 */
export function preparePrivateDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  if (process.platform === 'win32') return
  const stat = fs.statSync(dir)
  if (stat.uid === process.getuid?.() && (stat.mode & 0o077) !== 0) chmodPrivate(dir, PRIVATE_DIR_MODE)
}
