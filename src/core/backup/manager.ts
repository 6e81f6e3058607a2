import type Database from 'better-sqlite3'
import path from 'node:path'
import type { JsonObject } from '../../shared/contract/common'
import type { BackupInfo } from '../../shared/contract/domains/backups'
import { AppError } from '../../shared/contract/errors'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import { DAY_MS, HOUR_MS } from '../platform/clock'
import { DATABASE_FILE } from '../db/open'
import type { JobDefinition } from '../jobs/scheduler'
import type { ServiceContext } from '../services/context'
import type { SettingsService } from '../services/settings'
import { createBackup } from './create'
import { backupDir, listBackups, removeBackup, removePartials } from './files'
import { fileStamp, moveBack, stageRestore, swapInStaged } from './restore'
import { backupsToRemove } from './rotate'
import type { TaskThread } from '../runtime/threadTask'

export interface BackupHost {
  dataDir: string
  clock: ServiceContext['clock']
  emit: ServiceContext['emit']
  /** The live connection (it changes after a restore). */
  db(): Database.Database
  settings(): SettingsService
  /** The thread that copies and verifies; without it, the core's own thread does. */
  taskThread?: TaskThread
  /**
   * Closes the live connection, lets `swap` replace the file (returning where the old one was put), and opens
   * the database again with fresh services; if the new file cannot be opened, `undo` puts the old one back.
   */
  replaceDatabase(swap: () => { setAsidePath: string; undo: () => void }): {
    setAsidePath: string
    schemaVersion: number
  }
}

/** Backups on demand and daily, their rotation, and restore, all on the core's one connection. */
export class BackupManager {
  private running: Promise<BackupInfo> | null = null

  constructor(private readonly host: BackupHost) {
    removePartials(host.dataDir)
  }

  get busy(): boolean {
    return this.running !== null
  }

  /** One copy at a time: a second request while one runs waits for that one instead of starting another. */
  private backup(kind: BackupInfo['kind']): Promise<BackupInfo> {
    if (this.running) return this.running
    const { host } = this
    const run = createBackup(
      host.db(),
      host.dataDir,
      kind,
      host.clock.now(),
      (progress) => host.emit('backups.progress', { operation: 'backup', ...progress }),
      host.taskThread,
    ).finally(() => {
      this.running = null
    })
    this.running = run
    return run
  }

  /** Removes the backups the rotation no longer keeps; returns their names. */
  private rotate(): string[] {
    const settings = this.host.settings()
    const removed = backupsToRemove(listBackups(this.host.dataDir), {
      keepDaily: settings.value('backups.keepDaily'),
      keepWeekly: settings.value('backups.keepWeekly'),
    })
    for (const item of removed) removeBackup(item.path)
    return removed.map((item) => item.name)
  }

  async create(): Promise<MethodResult<'backups.create'>> {
    const backup = await this.backup('manual')
    return { backup, removed: this.rotate() }
  }

  list(): MethodResult<'backups.list'> {
    return { dir: backupDir(this.host.dataDir), items: listBackups(this.host.dataDir) }
  }

  restore(input: MethodInput<'backups.restore'>): MethodResult<'backups.restore'> {
    if (this.running) {
      throw new AppError('FAILED_PRECONDITION', 'A backup is being made; restore once it has finished.')
    }
    const backup = listBackups(this.host.dataDir).find((item) => item.name === input.name)
    if (!backup) throw new AppError('NOT_FOUND', `No verified backup named ${input.name}.`)
    const progress = (done: number, stage: string): void =>
      this.host.emit('backups.progress', { operation: 'restore', done, total: 3, stage })
    progress(0, 'Checking the backup')
    const staged = stageRestore(this.host.dataDir, backup)
    progress(1, 'Putting the backup in place')
    const { setAsidePath, schemaVersion } = this.host.replaceDatabase(() =>
      swapWithUndo(this.host.dataDir, staged, `before-restore-${fileStamp(this.host.clock.now())}`),
    )
    progress(3, 'Restored')
    this.host.emit('backups.restored', { backup, setAsidePath })
    return { restored: backup, setAsidePath, schemaVersion }
  }

  /** The daily job: a backup when the newest is a day old or more, then rotation. */
  dailyJob(): JobDefinition {
    return {
      name: 'backups.daily',
      description: 'Backs up the database once a day, verifies the copy and rotates old backups.',
      // Checked hourly so that an app open for an hour a day still gets its daily backup.
      intervalMs: HOUR_MS,
      runAtStartup: false,
      run: async (now): Promise<JsonObject> => {
        const newest = listBackups(this.host.dataDir)[0]
        if (newest && now - newest.createdAt < DAY_MS - DAY_MS / 8) {
          return { skipped: true, newest: newest.name, removed: this.rotate() }
        }
        const backup = await this.backup('daily')
        return { skipped: false, name: backup.name, bytes: backup.bytes, removed: this.rotate() }
      },
    }
  }
}

function swapWithUndo(
  dataDir: string,
  staged: string,
  suffix: string,
): { setAsidePath: string; undo: () => void } {
  const setAsidePath = swapInStaged(dataDir, staged, suffix)
  return { setAsidePath, undo: () => moveBack(setAsidePath, path.join(dataDir, DATABASE_FILE)) }
}
