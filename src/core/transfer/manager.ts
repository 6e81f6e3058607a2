import type Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { isInside } from '../capture/imageStore'
import { AppError } from '../../shared/contract/errors'
import type { SettingKey } from '../../shared/contract/domains/settings'
import type { MethodInput, MethodResult } from '../../shared/contract/methods'
import { checkpointFull } from '../db/open'
import type { ServiceContext } from '../services/context'
import type { TaskThread } from '../runtime/threadTask'
import { exportSteps } from './exportData'
import type { ExportSummary, TransferStep } from './exportData'
import { exportOnThread } from './exportThread'
import type { ExportRequest } from './exportThread'
import { importExport } from './importData'

export interface TransferHost {
  dataDir: string
  databasePath(): string
  db(): Database.Database
  clock: ServiceContext['clock']
  emit: ServiceContext['emit']
  /** Tells the core's listeners that an import wrote a setting. */
  settingChanged(key: SettingKey): void
  /** Exports run on this thread (src/core/transfer/exportThread.ts); without it, in slices on the core's. */
  taskThread?: TaskThread
}

/** The real path of the deepest part of `target` that exists, with the parts that do not exist yet added back. */
export function realPathSoFar(target: string): string {
  const missing: string[] = []
  let current = path.resolve(target)
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(current), ...missing.reverse())
    } catch {
      const parent = path.dirname(current)
      if (parent === current) return path.resolve(target)
      missing.push(path.basename(current))
      current = parent
    }
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Without a thread (tests, tools that run the core in-process): in slices, other calls answered between them. */
async function exportInSlices(
  request: ExportRequest,
  onStep: (step: TransferStep) => void,
): Promise<ExportSummary> {
  const steps = exportSteps(request.databaseFile, request.dir, request.now, request.overwrite)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
    onStep(next.value)
    await nextTurn()
  }
}

/** Export to and import from a folder of JSONL files, with progress events. */
export class TransferManager {
  private exporting = false

  constructor(private readonly host: TransferHost) {}

  /** Never into the data folder: an export there could be mistaken for, or write over, the live files. */
  private checkFolder(dir: string): string {
    // The contract accepts POSIX and Windows absolute paths; only this platform's kind is absolute here.
    if (!path.isAbsolute(dir)) {
      throw new AppError('INVALID_INPUT', 'Invalid input. dir: give an absolute path on this computer', [
        { path: ['dir'], message: 'give an absolute path on this computer' },
      ])
    }
    const resolved = path.resolve(dir)
    // Compared as real paths: a link (or a differently cased name on macOS and Windows) into the data folder is
    // still the data folder.
    if (isInside(realPathSoFar(this.host.dataDir), realPathSoFar(resolved))) {
      throw new AppError('FAILED_PRECONDITION', 'Choose a folder outside Cairn’s data folder.')
    }
    return resolved
  }

  private progress(operation: 'export' | 'import', step: TransferStep): void {
    this.host.emit('backups.progress', { operation, ...step })
  }

  /** Never two at once; the core's thread answers other calls meanwhile. */
  async export(input: MethodInput<'transfer.export'>): Promise<MethodResult<'transfer.export'>> {
    const dir = this.checkFolder(input.dir)
    if (this.exporting) throw new AppError('CONFLICT', 'An export is already running.')
    this.exporting = true
    try {
      const request: ExportRequest = {
        databaseFile: this.host.databasePath(),
        dir,
        now: this.host.clock.now(),
        overwrite: input.overwrite,
      }
      const onStep = (step: TransferStep): void => this.progress('export', step)
      if (this.host.taskThread) return await exportOnThread(request, this.host.taskThread, onStep)
      return await exportInSlices(request, onStep)
    } finally {
      this.exporting = false
    }
  }

  /** One transaction (all or nothing), then a FULL checkpoint so the imported data is in the main file. */
  import(input: MethodInput<'transfer.import'>): MethodResult<'transfer.import'> {
    const dir = this.checkFolder(input.dir)
    const result = importExport(
      this.host.db(),
      dir,
      { applySettingsAndWork: input.applySettingsAndWork },
      (step) => this.progress('import', step),
    )
    checkpointFull(this.host.db())
    this.host.emit('transfer.imported', { tables: result.tables })
    if (result.held.applied && (result.tables.settings?.changed ?? 0) > 0) {
      // Services that follow settings (capture, the AI runner, the desktop shell) hear of the new values.
      for (const key of new Set(result.held.settingsKeys)) this.host.settingChanged(key as SettingKey)
    }
    return result
  }
}
