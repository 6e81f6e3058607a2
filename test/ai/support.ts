import { onTestFinished } from 'vitest'
import { createServices } from '../../src/core/runtime/services'
import type { ServiceOptions, Services } from '../../src/core/runtime/services'
import { closeDatabase, openDatabase } from '../../src/core/db/open'
import type Database from 'better-sqlite3'
import { FakeClock } from '../support/fakeClock'
import { tempDir } from '../support/tempDir'
import { EnvSecretStore } from '../../src/core/ai/secrets'

/** Client tuning that keeps retries fast: tests wait milliseconds, not the real back-off. */
export const FAST_AI = {
  baseDelayMs: 5,
  maxDelayMs: 20,
  retryAfterCapMs: 50,
  timeoutMs: 2_000,
  maxRetries: 2,
}

export interface ServiceRig {
  services: Services
  db: Database.Database
  clock: FakeClock
  dataDir: string
}

/** Real services on a real, migrated SQLite file, for the parts of the AI not reachable through the contract. */
export function openServices(options: ServiceOptions & { clock?: FakeClock } = {}): ServiceRig {
  const dataDir = tempDir()
  const { db } = openDatabase(dataDir)
  const clock = options.clock ?? new FakeClock()
  const services = createServices({ db, clock, emit: () => undefined }, [], {
    secrets: options.secrets ?? new EnvSecretStore({}),
    aiTuning: options.aiTuning ?? FAST_AI,
  })
  onTestFinished(() => closeDatabase(db))
  return { services, db, clock, dataDir }
}
