import Database from 'better-sqlite3'
import { MIGRATIONS } from '../../src/core/db/migrations'
import { migrate } from '../../src/core/db/open'

/** An in-memory database brought to `version` by the real migrations, with foreign keys on as the core has them. */
export function migratedTo(version: number): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(
    db,
    MIGRATIONS.filter((migration) => migration.version <= version),
  )
  return db
}
