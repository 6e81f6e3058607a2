import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { BackupInfo } from '../../shared/contract/domains/backups'
import { AppError } from '../../shared/contract/errors'
import { DATABASE_FILE } from '../db/open'
import { syncDir } from './files'

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const

/** `20250115T123000123Z`: a time for file names that sorts as text. */
export const fileStamp = (time: number): string => new Date(time).toISOString().replace(/[-:.]/g, '')

/**
 * Copies a verified backup next to the database and checks the copy, so that nothing about the live file
 * changes until a good replacement is in place. Returns the staged file.
 */
export function stageRestore(dataDir: string, backup: BackupInfo): string {
  const staged = path.join(dataDir, `${DATABASE_FILE}.restoring`)
  removeWithSideFiles(staged)
  fs.copyFileSync(backup.path, staged)
  try {
    const problem = checkFile(staged)
    if (problem !== null) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `The backup ${backup.name} is damaged (${problem}); nothing was changed. Choose another backup.`,
      )
    }
    const fd = fs.openSync(staged, 'r+')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  } catch (error) {
    removeWithSideFiles(staged)
    throw error
  }
  return staged
}

/** `PRAGMA quick_check` of a file: null when it is fine, else what is wrong (SQLite may throw instead). */
function checkFile(file: string): string | null {
  try {
    const db = new Database(file, { fileMustExist: true })
    try {
      const result = String(db.pragma('quick_check', { simple: true }))
      return result === 'ok' ? null : result.slice(0, 300)
    } finally {
      db.close()
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/**
 * With no connection open: moves the database (and its -wal/-shm) aside under `asideSuffix`, and the staged
 * file into its place. Renames within one folder are atomic, so at every moment there is a whole database
 * file (or, between the two renames, none: the next start then recovers from the newest backup).
 */
export function swapInStaged(dataDir: string, staged: string, asideSuffix: string): string {
  const file = path.join(dataDir, DATABASE_FILE)
  const aside = moveAside(file, asideSuffix)
  fs.renameSync(staged, file)
  syncDir(dataDir)
  return aside
}

/** Renames the database and its side files to `<file>.<suffix>`; returns the new path of the main file. */
export function moveAside(file: string, suffix: string): string {
  const aside = `${file}.${suffix}`
  if (fs.existsSync(file)) fs.renameSync(file, aside)
  for (const side of SIDE_FILES) {
    if (fs.existsSync(file + side)) fs.renameSync(file + side, aside + side)
  }
  syncDir(path.dirname(file))
  return aside
}

/** Puts a file moved aside back (when its replacement could not be opened). */
export function moveBack(aside: string, file: string): void {
  removeWithSideFiles(file)
  if (fs.existsSync(aside)) fs.renameSync(aside, file)
  for (const side of SIDE_FILES) {
    if (fs.existsSync(aside + side)) fs.renameSync(aside + side, file + side)
  }
  syncDir(path.dirname(file))
}

function removeWithSideFiles(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(file + suffix, { force: true })
}
