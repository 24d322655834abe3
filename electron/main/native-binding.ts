import { existsSync } from 'node:fs'
import path from 'node:path'

/**
 * better-sqlite3 is compiled for one ABI at a time. The tests use the Node build in
 * node_modules; the app loads an Electron build kept apart in resources/native/electron
 * (built by `npm run native:electron`, on a machine with internet), or, packaged, from the
 * app's resources folder. See README, "Two builds of better-sqlite3".
 */
export const BINDING_FILE = 'better_sqlite3.node'

export function electronBindingPath(options: { isPackaged: boolean; appPath: string; resourcesPath: string }): string {
  return options.isPackaged
    ? path.join(options.resourcesPath, 'native', BINDING_FILE)
    : path.join(options.appPath, 'resources', 'native', 'electron', BINDING_FILE)
}

export function missingBindingMessage(bindingPath: string): string | null {
  if (existsSync(bindingPath)) return null
  return `The Electron build of better-sqlite3 is missing (${bindingPath}). Run "npm run native:electron" once, with internet access.`
}
