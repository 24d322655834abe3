import { createContext, useContext } from 'react'
import type { Settings } from '../../electron/shared/settings'

export const SettingsContext = createContext<Settings | null>(null)

/** The store settings; screens render only once they are loaded. */
export function useSettings(): Settings {
  const settings = useContext(SettingsContext)
  if (settings === null) throw new Error('useSettings outside the loaded app')
  return settings
}
