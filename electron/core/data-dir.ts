import os from 'node:os'
import path from 'node:path'

/**
 * Where CouponDesk keeps its data when nobody says otherwise: the same folder Electron's
 * `app.getPath('userData')` gives for the product name "CouponDesk", so the CLI and the app
 * open the same database by default.
 */
export const APP_FOLDER_NAME = 'CouponDesk'
export const DATABASE_FILE_NAME = 'coupondesk.sqlite'

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.COUPONDESK_DATA_DIR) return env.COUPONDESK_DATA_DIR
  const home = os.homedir()
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME)
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME)
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME)
  }
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME)
}
