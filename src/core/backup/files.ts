import fs from 'node:fs'
import path from 'node:path'
import { PRIVATE_FILE_MODE } from '../platform/privateFiles'
import type { BackupInfo } from '../../shared/contract/domains/backups'
import { backupInfo } from '../../shared/contract/domains/backups'

export const BACKUP_DIR = 'backups'
const MANIFEST_SUFFIX = '.json'

export const backupDir = (dataDir: string): string => path.join(dataDir, BACKUP_DIR)

/** `cairn-20250115T123000123Z.db`: sorts by time as text, and is never mistaken for a path. */
export function backupFileName(time: number): string {
  const iso = new Date(time).toISOString() // 2025-01-15T12:30:00.123Z
  return `cairn-${iso.replace(/[-:]/g, '').replace('.', '')}.db`
}

export const manifestPath = (file: string): string => file + MANIFEST_SUFFIX

/** Writes a file so that it is either absent or complete: a temp file, fsync, then rename. */
export function writeFileAtomic(file: string, text: string): void {
  const temp = `${file}.partial`
  const fd = fs.openSync(temp, 'w', PRIVATE_FILE_MODE)
  try {
    fs.writeSync(fd, text)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(temp, file)
  syncDir(path.dirname(file))
}

/** Makes a rename durable: the directory entry itself is flushed (a no-op where the OS refuses it). */
export function syncDir(dir: string): void {
  let fd: number | null = null
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  } finally {
    if (fd !== null) fs.closeSync(fd)
  }
}

/**
 * Every verified backup in the folder, newest first. A backup counts only when its manifest exists, parses and
 * names a file that is there: a copy interrupted before verification never has one.
 */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir)
  if (!fs.existsSync(dir)) return []
  const items: BackupInfo[] = []
  for (const entry of fs.readdirSync(dir)) {
    if (!entry.endsWith(`.db${MANIFEST_SUFFIX}`)) continue
    const info = readManifest(path.join(dir, entry.slice(0, -MANIFEST_SUFFIX.length)))
    if (info) items.push(info)
  }
  return items.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name))
}

export function readManifest(file: string): BackupInfo | null {
  try {
    if (!fs.existsSync(file)) return null
    const parsed = backupInfo.safeParse({
      ...(JSON.parse(fs.readFileSync(manifestPath(file), 'utf8')) as object),
      path: file,
    })
    return parsed.success && parsed.data.name === path.basename(file) ? parsed.data : null
  } catch {
    return null
  }
}

/** Removes a backup and its manifest (manifest first, so a half-removed backup never counts). */
export function removeBackup(file: string): void {
  fs.rmSync(manifestPath(file), { force: true })
  fs.rmSync(file, { force: true })
}

/** Leftovers of copies that were interrupted (a crash mid-backup): never verified, so never counted. */
export function removePartials(dataDir: string): void {
  const dir = backupDir(dataDir)
  if (!fs.existsSync(dir)) return
  for (const entry of fs.readdirSync(dir)) {
    if (entry.endsWith('.partial') || /\.db-(wal|shm|journal)$/.test(entry)) {
      fs.rmSync(path.join(dir, entry), { force: true })
    }
  }
}
