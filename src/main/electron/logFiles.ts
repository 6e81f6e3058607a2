import fs from 'node:fs'
import path from 'node:path'

export const dayOf = (date: Date): string => date.toISOString().slice(0, 10)
export const LOG_FILE = /^cairn-(\d{4}-\d{2}-\d{2})(\.old)?\.log$/

/** Deletes the files of days before the last `keepDays` (today included). */
export function pruneLogFiles(dir: string, today: Date, keepDays: number): string[] {
  const oldest = dayOf(new Date(today.getTime() - (keepDays - 1) * 86_400_000))
  const removed: string[] = []
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return removed
  }
  for (const name of names) {
    const day = LOG_FILE.exec(name)?.[1]
    if (day !== undefined && day < oldest) {
      fs.rmSync(path.join(dir, name), { force: true })
      removed.push(name)
    }
  }
  return removed
}
