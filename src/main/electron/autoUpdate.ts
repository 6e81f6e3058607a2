import type { AppUpdater } from 'electron-updater'

/**
 * electron-updater is CommonJS and defines `autoUpdater` with a getter, which Node's ESM interop does not list
 * as a named export: `(await import('electron-updater')).autoUpdater` is undefined and only `default` has it.
 */
export function updaterFromModule(loaded: {
  autoUpdater?: AppUpdater
  default?: { autoUpdater?: AppUpdater }
}): AppUpdater {
  const updater = loaded.autoUpdater ?? loaded.default?.autoUpdater
  if (!updater) throw new Error('electron-updater has no autoUpdater')
  return updater
}

/** Loads the real updater (it reads app-update.yml, written by electron-builder from `publish`). */
export async function loadElectronUpdater(): Promise<AppUpdater> {
  return updaterFromModule(await import('electron-updater'))
}

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
      // A load that failed is forgotten, so the next check loads again instead of repeating the failure.
      updater.catch(() => (updater = null))
      deps.log('Checking for updates')
      const result = await (await updater).checkForUpdatesAndNotify()
      deps.log(
        result?.isUpdateAvailable
          ? `Update ${result.updateInfo.version} found; it downloads now and installs at quit`
          : 'No update available',
      )
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
