import path from 'node:path'
import { FIXTURE_SCREEN_ENV, fixtureScreenSource } from '../core/capture/fixtureScreen'
import { startCoreWorker } from '../core/runtime/connection'
import { isAppErrorShape } from '../shared/contract/errors'
import { UsageError, parseHostArguments } from './cli'
import { hostLimitsFromEnv } from './limits'
import { nodeTooOld } from './nodeVersion'
import { startHost } from './server'

/** `npm run serve`: the core and the renderer for a browser, on 127.0.0.1, until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const tooOld = nodeTooOld()
  if (tooOld) throw tooOld
  const args = parseHostArguments(process.argv.slice(2))
  // A browser cannot lend its screen to the host; tests can give it a folder of fixture screenshots.
  const fixtureDir = process.env[FIXTURE_SCREEN_ENV]
  const core = await startCoreWorker({
    platform: fixtureDir ? { screen: fixtureScreenSource(fixtureDir) } : {},
    workerPath: path.join(__dirname, 'coreWorker.js'),
    dataDir: args.dataDir,
    // Tests set this so every answer that crosses the wire is also checked against its output schema.
    validateOutput: process.env.CAIRN_VALIDATE_OUTPUT === '1',
  })
  const log = (message: string): void => void process.stderr.write(`Cairn host: ${message}\n`)
  const host = await startHost({
    core,
    port: args.port,
    rendererDir: path.join(__dirname, '../renderer'),
    limits: hostLimitsFromEnv(process.env, log),
    log,
  })

  let stopping = false
  const stop = (reason: string): void => {
    if (stopping) return
    stopping = true
    process.stderr.write(`Cairn host: ${reason}, finishing calls in flight and closing the database...\n`)
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`Cairn host: shutdown failed: ${String(error)}\n`)
        process.exit(1)
      })
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal))
  // `npm run serve` puts npm and a shell between a supervisor and this process; a SIGTERM to npm kills the
  // shell without passing it on. Being orphaned is therefore treated as being asked to stop.
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) stop('the process that started Cairn has gone')
  }, 500).unref()

  process.stdout.write(
    `${JSON.stringify({ event: 'ready', url: host.url, rpc: host.rpcUrl, token: host.token, dataDir: core.dataDir })}\n`,
  )
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n`)
  else if (isAppErrorShape(error)) process.stderr.write(`Cairn cannot start: ${error.message}\n`)
  else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    process.stderr.write(
      'Cairn cannot start: that port is already in use; pick another with --port, or 0 for any.\n',
    )
  } else
    process.stderr.write(`Cairn cannot start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
