import type Database from 'better-sqlite3'
import { createRequire } from 'node:module'
import os from 'node:os'

/** One line per fact about where the figures come from. */
export function machineLines(db: Database.Database): string[] {
  const require = createRequire(import.meta.url)
  const driver = (require('better-sqlite3/package.json') as { version: string }).version
  const cpus = os.cpus()
  const sqlite = String(db.prepare('SELECT sqlite_version()').pluck().get())
  return [
    `machine   ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()} ${os.arch()}`,
    `runtime   Node ${process.version}, SQLite ${sqlite}, better-sqlite3 ${driver}`,
    `date      ${new Date().toISOString()}`,
    // Other work on the machine slows every figure: say how busy it was.
    `load      ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' / ')} (1/5/15 min averages) on ${cpus.length} cores`,
  ]
}
