import type { AppUpdater } from 'electron-updater'

export type UpdaterLike = Pick<AppUpdater, 'checkForUpdatesAndNotify'> & {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
}

export interface AutoUpdateDeps {
  /** Loads electron-updater only when an update check is really due (never in development or tests). */
  loadUpdater: () => Promise<UpdaterLike>
  /** Only installed builds update themselves; a development run has nothing to replace. */
  isPackaged: boolean
  setInterval: (fn: () => void, ms: number) => unknown
  clearInterval: (handle: unknown) => void
  log: (message: string) => void
}

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000

/** Auto-update behind the `desktop.autoUpdate` setting: a check at once when turned on, then every six hours. */
export function createAutoUpdate(deps: AutoUpdateDeps) {
  let timer: unknown = null
  let updater: Promise<UpdaterLike> | null = null

  const check = async (): Promise<void> => {
    try {
      updater ??= deps.loadUpdater().then((loaded) => {
        loaded.autoDownload = true
        loaded.autoInstallOnAppQuit = true
        return loaded
      })
      await (await updater).checkForUpdatesAndNotify()
    } catch (error) {
      // No network or no release feed: try again at the next interval, never bother the user.
      deps.log(`Update check failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  return {
    /** Returns whether checks are now scheduled. */
    setEnabled(enabled: boolean): boolean {
      if (timer !== null) deps.clearInterval(timer)
      timer = null
      if (!enabled || !deps.isPackaged) return false
      void check()
      timer = deps.setInterval(() => void check(), UPDATE_CHECK_INTERVAL_MS)
      return true
    },
    stop(): void {
      if (timer !== null) deps.clearInterval(timer)
      timer = null
    },
  }
}
