import log from 'electron-log/main'
import type { LogLevel, MainLogger } from 'electron-log'
import fs from 'node:fs'
import path from 'node:path'
import { dayOf, pruneLogFiles } from './logFiles'
import { LogRedactor } from './logRedaction'

/** Where a line came from: this process, the core's worker, the screenshot encoder's worker or a window. */
export type LogSource = 'main' | 'core' | 'encoder' | 'renderer'
export type AppLogLevel = 'error' | 'warn' | 'info'

export const LOG_LEVELS: readonly AppLogLevel[] = ['error', 'warn', 'info']

export function isLogLevel(value: unknown): value is AppLogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value)
}

export interface LogEntry {
  at: number
  level: AppLogLevel
  source: LogSource
  text: string
}

export interface AppLog {
  /** The folder holding the files: cairn-YYYY-MM-DD.log, one a day. */
  readonly dir: string
  write(level: AppLogLevel, source: LogSource, ...parts: unknown[]): void
  error(...parts: unknown[]): void
  warn(...parts: unknown[]): void
  info(...parts: unknown[]): void
  /** The newest errors and warnings (already redacted), newest last: for Copy diagnostics. */
  recentProblems(): LogEntry[]
  readonly redactor: LogRedactor
}

export interface AppLogOptions {
  dir: string
  /** Each day's file is moved to cairn-YYYY-MM-DD.old.log past this size (that day's older copy goes). */
  maxBytesPerFile?: number
  /** Files of days older than this are deleted at start and when the day changes. */
  keepDays?: number
  /** Also print to stderr (development, the harness); the files are written either way. */
  console?: boolean
  now?: () => Date
}

export const DEFAULT_MAX_LOG_BYTES = 2 * 1024 * 1024
export const DEFAULT_KEEP_LOG_DAYS = 7
const RECENT_PROBLEMS = 20

/**
 * The desktop app's log: electron-log's file transport writes one file a day into DATA_DIR/logs, capped in
 * size (the day's file rotates once into .old.log) and kept for a week. Every line passes the redactor first,
 * whichever process wrote it, so no API key, token or picture reaches the disk.
 */
export function createAppLog(options: AppLogOptions): AppLog {
  const now = options.now ?? (() => new Date())
  const keepDays = options.keepDays ?? DEFAULT_KEEP_LOG_DAYS
  const redactor = new LogRedactor()
  const recent: LogEntry[] = []
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 })
  let prunedFor = dayOf(now())
  pruneLogFiles(options.dir, now(), keepDays)

  const logger: MainLogger = log
  const file = logger.transports.file
  file.level = 'info'
  file.maxSize = options.maxBytesPerFile ?? DEFAULT_MAX_LOG_BYTES
  file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}'
  // Private like the rest of the data folder.
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }
  file.resolvePathFn = (_variables, message) => {
    const day = dayOf(message?.date ?? now())
    if (day !== prunedFor) {
      prunedFor = day
      pruneLogFiles(options.dir, now(), keepDays)
    }
    return path.join(options.dir, `cairn-${day}.log`)
  }
  logger.transports.console.level = options.console ? 'warn' : false
  // The renderer's lines come through Cairn's own checked channel (src/main/electron/rendererLog.ts), never
  // electron-log's preload; the IPC transport back to windows is not used either.
  // (electron-log leaves this transport out when process.versions.electron is missing, as under Node.)
  const ipc = logger.transports.ipc as typeof logger.transports.ipc | undefined
  if (ipc) ipc.level = false
  // Whatever reaches electron-log (its own IPC channel included) is redacted before any transport sees it.
  logger.hooks.push((message) => ({
    ...message,
    data: message.data.map((part: unknown) => redactor.redactValue(part)),
  }))

  const write = (level: AppLogLevel, source: LogSource, ...parts: unknown[]): void => {
    const text = parts.map((part) => redactor.redactValue(part)).join(' ')
    if (level !== 'info') {
      recent.push({ at: now().getTime(), level, source, text })
      if (recent.length > RECENT_PROBLEMS) recent.shift()
    }
    const line = source === 'main' ? text : `[${source}] ${text}`
    logger[level satisfies LogLevel](line)
  }
  return {
    dir: options.dir,
    write,
    error: (...parts) => write('error', 'main', ...parts),
    warn: (...parts) => write('warn', 'main', ...parts),
    info: (...parts) => write('info', 'main', ...parts),
    recentProblems: () => [...recent],
    redactor,
  }
}
