import path from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../core/platform/dataDir'

export interface HostArguments {
  dataDir: string
  port: number
}

export class UsageError extends Error {}

export const USAGE =
  'Usage: npm run serve -- [--data-dir DIR] [--port N]   (port 0 = any free port; default 0)'

export function parseHostArguments(argv: string[], env: NodeJS.ProcessEnv = process.env): HostArguments {
  let values: { 'data-dir'?: string | undefined; port?: string | undefined }
  try {
    values = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
  }
  const portText = values.port ?? '0'
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65_535)
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${portText}".\n${USAGE}`)
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(env)
  return { dataDir, port }
}
