import os from 'node:os'
import type { CoreConnection } from '../../core/runtime/connection'
import type { AppLog, LogEntry } from './logging'
import { resultOf } from '../../shared/client'

/** Setting names that could ever hold something private: their values are never copied. */
const PRIVATE_SETTING = /key|token|secret|password|credential/i

export interface DiagnosticsFacts {
  appVersion: string
  versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>
  platform: NodeJS.Platform
  arch: string
  osRelease: string
  dataDir: string
  logDir: string
  coreRestarts: number
}

/**
 * The text "Copy diagnostics" puts on the clipboard for a bug report: versions, the OS, every setting (but
 * never a value whose name suggests a secret; the API key is not a setting at all) and the last problems
 * logged, which the log already redacted.
 */
export async function diagnosticsText(
  facts: DiagnosticsFacts,
  core: Pick<CoreConnection, 'call'>,
  log: Pick<AppLog, 'recentProblems' | 'redactor'>,
): Promise<string> {
  const settings = await core.call('settings.list', {})
  const settingLines = settings.ok
    ? resultOf('settings.list', settings).items.map(
        ({ key, value }) =>
          `  ${key}: ${PRIVATE_SETTING.test(key) ? '(not copied)' : log.redactor.redactText(JSON.stringify(value))}`,
      )
    : [`  (could not be read: ${settings.error.message})`]
  const problems = log.recentProblems()
  const problemLines =
    problems.length === 0
      ? ['  (none)']
      : problems.map(
          (entry: LogEntry) =>
            `  ${new Date(entry.at).toISOString()} ${entry.level} [${entry.source}] ${entry.text.split('\n')[0] ?? ''}`,
        )
  return [
    `Cairn ${facts.appVersion}`,
    `Electron ${facts.versions.electron ?? '?'}, Chromium ${facts.versions.chrome ?? '?'}, Node ${facts.versions.node ?? '?'}`,
    `OS: ${facts.platform} ${facts.osRelease} (${facts.arch})`,
    `Data folder: ${facts.dataDir}`,
    `Logs: ${facts.logDir}`,
    `Core restarts since start: ${facts.coreRestarts}`,
    'Settings:',
    ...settingLines,
    'Last problems logged:',
    ...problemLines,
    '',
  ].join('\n')
}

/** The facts of this process. */
export function processFacts(
  appVersion: string,
  dataDir: string,
  logDir: string,
  coreRestarts: number,
): DiagnosticsFacts {
  const { electron, chrome, node, v8 } = process.versions as Record<string, string | undefined>
  return {
    appVersion,
    versions: { electron, chrome, node, v8 },
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    dataDir,
    logDir,
    coreRestarts,
  }
}
