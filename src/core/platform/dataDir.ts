import os from 'node:os'
import path from 'node:path'

export const APP_FOLDER_NAME = 'Cairn'

/**
 * The per-user folder Electron gives Cairn as `userData` (appData/Cairn), computed without Electron so the
 * headless host opens the very same database as the desktop app. CAIRN_DATA_DIR overrides it.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CAIRN_DATA_DIR) return path.resolve(env.CAIRN_DATA_DIR)
  const home = os.homedir()
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME)
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME)
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME)
}
