import { format } from 'node:util'

export type WorkerLogLevel = 'error' | 'warn' | 'info'

/** A line a worker wrote with console.*, on its way to the parent's log file. */
export interface WorkerLogRecord {
  type: 'log'
  level: WorkerLogLevel
  text: string
}

/** A line is cut here before it crosses threads; the parent's log redacts and caps it again. */
const MAX_FORWARDED_TEXT = 8000

export function isWorkerLogRecord(message: unknown): message is WorkerLogRecord {
  if (typeof message !== 'object' || message === null) return false
  const record = message as Partial<WorkerLogRecord>
  return (
    record.type === 'log' &&
    (record.level === 'error' || record.level === 'warn' || record.level === 'info') &&
    typeof record.text === 'string'
  )
}

/** Bytes (a screenshot, a key's buffer) are logged as their size only, never their content. */
const printable = (part: unknown): unknown =>
  ArrayBuffer.isView(part) || part instanceof ArrayBuffer ? `[${part.byteLength} bytes]` : part

/**
 * Sends this worker's console output to the parent over the worker's own message channel, so it lands in the
 * app's log file with everything else (a worker's stderr is not the file, and nobody reads it once installed).
 */
export function forwardConsole(post: (record: WorkerLogRecord) => void): void {
  const send =
    (level: WorkerLogLevel) =>
    (...parts: unknown[]): void => {
      const text = format(...parts.map(printable)).slice(0, MAX_FORWARDED_TEXT)
      try {
        post({ type: 'log', level, text })
      } catch {
        // The channel is closing with the worker: the line has nowhere left to go.
      }
    }
  console.error = send('error')
  console.warn = send('warn')
  console.info = send('info')
  console.log = send('info')
}

/** The default for a parent that was given no log: print as before. */
export function printWorkerLog(source: string, record: WorkerLogRecord): void {
  const line = `[${source}] ${record.text}`
  if (record.level === 'error') console.error(line)
  else if (record.level === 'warn') console.warn(line)
  else console.info(line)
}
