import { UsageError } from './cli'

/**
 * The oldest Node the native SQLite module loads on (better-sqlite3's `engines`: ">=22"). On an older Node
 * the module does not fail to load, it crashes the process with a segmentation fault, so the host checks first.
 */
export const OLDEST_NODE_MAJOR = 22

/** A sentence for a Node too old to run the core, or null. */
export function nodeTooOld(version: string = process.versions.node): UsageError | null {
  const major = Number(version.split('.')[0])
  if (Number.isInteger(major) && major >= OLDEST_NODE_MAJOR) return null
  return new UsageError(
    `Cairn cannot start: it needs Node.js ${OLDEST_NODE_MAJOR} or later, and this is Node.js ${version}. ` +
      'Start it with `npm run serve`, which uses the Node.js the project installs, or install a newer Node.js.',
  )
}
