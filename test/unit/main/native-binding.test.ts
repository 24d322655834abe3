import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronBindingPath, missingBindingMessage } from '../../../electron/main/native-binding'

describe('the Electron build of better-sqlite3', () => {
  it('is taken from the app resources when packaged and from resources/native/electron in development', () => {
    expect(electronBindingPath({ isPackaged: true, appPath: '/a', resourcesPath: '/r' })).toBe(path.join('/r', 'native', 'better_sqlite3.node'))
    expect(electronBindingPath({ isPackaged: false, appPath: '/a', resourcesPath: '/r' })).toBe(path.join('/a', 'resources', 'native', 'electron', 'better_sqlite3.node'))
  })

  it('explains how to build it when it is missing', () => {
    expect(missingBindingMessage('/nowhere/better_sqlite3.node')).toContain('npm run native:electron')
    expect(missingBindingMessage(__filename)).toBeNull()
  })
})
