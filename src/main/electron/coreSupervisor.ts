import type { CoreConnection } from '../../core/runtime/connection'
import type { CoreEventListener } from '../../core/runtime/createCore'

/** A core that crashes more often than this in the window below is not started again: something is wrong. */
export const MAX_RESTARTS = 3
export const RESTART_WINDOW_MS = 10 * 60_000

export interface SupervisorDeps {
  /** Starts a core worker; `onExit` is called if that worker dies after it was ready. */
  start(onExit: (reason: string) => void): Promise<CoreConnection>
  /** The core died and is being started again (tell the person, log it). */
  onRestart(reason: string): void
  /** The core died too often, or could not be started again: it stays down. */
  onGiveUp(reason: string): void
  now(): number
}

export interface SupervisedCore extends CoreConnection {
  /** How many times the core was started again after a crash. */
  readonly restarts: number
  terminate(): Promise<void>
}

const UNAVAILABLE = {
  ok: false as const,
  error: { code: 'UNAVAILABLE' as const, message: 'The Cairn core is not running; restart Cairn.' },
}

/**
 * One CoreConnection for the shell that outlives the worker behind it: when the worker crashes it is started
 * again (at most MAX_RESTARTS times in ten minutes), calls made meanwhile wait for the new one, and event
 * listeners move over. A close or a terminate stops the restarts.
 */
export async function superviseCore(deps: SupervisorDeps): Promise<SupervisedCore> {
  const listeners = new Set<CoreEventListener>()
  const crashes: number[] = []
  let stopped = false
  let restarts = 0
  let down = false

  const attach = (connection: CoreConnection): void => {
    connection.onEvent((event) => {
      for (const listener of listeners) listener(event)
    })
  }

  let restarting: Promise<CoreConnection | null> | null = null
  const onExit = (reason: string): void => {
    if (stopped) return
    const now = deps.now()
    crashes.push(now)
    while (crashes.length > 0 && (crashes[0] ?? now) < now - RESTART_WINDOW_MS) crashes.shift()
    if (crashes.length > MAX_RESTARTS) {
      down = true
      deps.onGiveUp(reason)
      return
    }
    deps.onRestart(reason)
    restarting = deps.start(onExit).then(
      (connection) => {
        restarts += 1
        current = connection
        attach(connection)
        restarting = null
        return connection
      },
      (error: unknown) => {
        down = true
        restarting = null
        deps.onGiveUp(error instanceof Error ? error.message : String(error))
        return null
      },
    )
  }

  let current = await deps.start(onExit)
  attach(current)

  const live = async (): Promise<CoreConnection | null> => {
    if (restarting) return restarting
    return down ? null : current
  }

  return {
    async call(method, params) {
      const connection = await live()
      return connection ? connection.call(method, params) : UNAVAILABLE
    },
    async callSerialized(method, params) {
      const connection = await live()
      return connection ? connection.callSerialized(method, params) : UNAVAILABLE
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    get dataDir() {
      return current.dataDir
    },
    get schemaVersion() {
      return current.schemaVersion
    },
    get restarts() {
      return restarts
    },
    async close() {
      stopped = true
      const connection = await live()
      await connection?.close()
    },
    async terminate() {
      stopped = true
      await current.terminate?.()
    },
  }
}
