import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { usePosData } from './api/usePosData'
import { SettingsContext } from './settings-context'
import { ScanContext, type Scan, type ScanRouter } from './scan-context'
import { useWedgeScanner } from './scanner/useWedgeScanner'
import type { ScanResult } from './scanner/wedge-detector'
import { setSoundsEnabled } from './feedback/sounds'
import { StatusBar } from './components/StatusBar'
import { CheckoutScreen } from './screens/checkout/CheckoutScreen'
import { SalesScreen } from './screens/sales/SalesScreen'
import { CouponsScreen } from './screens/coupons/CouponsScreen'
import { SettingsScreen } from './screens/settings/SettingsScreen'
import type { ImportRequest } from './screens/import/ImportScreen'
import { ImportScreen } from './screens/import/ImportScreen'

export type ScreenName = 'checkout' | 'sales' | 'coupons' | 'settings' | 'import'

const SCREENS: { name: ScreenName; label: string; key: string }[] = [
  { name: 'checkout', label: 'Checkout', key: 'F1' },
  { name: 'sales', label: 'Sales', key: 'F2' },
  { name: 'coupons', label: 'Coupons', key: 'F3' },
  { name: 'settings', label: 'Settings', key: 'F4' },
  { name: 'import', label: 'Import', key: 'F5' },
]

export function App() {
  const settings = usePosData('settings:get', {}, ['settings:changed'])
  const [screen, setScreen] = useState<ScreenName>('checkout')
  const [pendingScan, setPendingScan] = useState<{ scan: Scan; serial: number } | null>(null)
  const claimed = useRef<((scan: Scan) => void) | null>(null)
  const [importRequest, setImportRequest] = useState<ImportRequest | null>(null)
  // Once opened, the Import screen stays mounted (hidden) so a running import survives a switch.
  const [isImportMounted, setIsImportMounted] = useState(false)
  if (screen === 'import' && !isImportMounted) setIsImportMounted(true)

  // Every reader ends here: a wedge scan and a camera read take exactly the same path.
  const onScan = useCallback((scan: Scan) => {
    if (claimed.current !== null) {
      claimed.current(scan)
      return
    }
    setScreen('checkout')
    setPendingScan((previous) => ({ scan, serial: (previous?.serial ?? 0) + 1 }))
  }, [])
  const onWedgeScan = useCallback((scan: ScanResult) => onScan({ ...scan, source: 'wedge' }), [onScan])

  const router = useMemo<ScanRouter>(
    () => ({
      claim(handler) {
        claimed.current = handler
        return () => {
          if (claimed.current === handler) claimed.current = null
        }
      },
      deliver: onScan,
    }),
    [onScan],
  )

  const scannerConfig = useMemo(
    () => ({
      minLength: settings.data?.['scanner.minLength'] ?? 6,
      maxAvgGapMs: settings.data?.['scanner.maxAvgGapMs'] ?? 30,
      terminator: settings.data?.['scanner.terminator'] ?? 'enter-or-tab',
    }),
    [settings.data],
  )
  useWedgeScanner(scannerConfig, onWedgeScan)

  useEffect(() => {
    setSoundsEnabled(settings.data?.sounds ?? true)
  }, [settings.data?.sounds])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const target = SCREENS.find((candidate) => candidate.key === event.key)
      if (target === undefined) return
      event.preventDefault()
      setScreen(target.name)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  if (settings.data === null) {
    return <div className="boot">{settings.error === null ? 'Starting CouponDesk…' : `CouponDesk cannot start: ${settings.error}`}</div>
  }

  return (
    <SettingsContext.Provider value={settings.data}>
      <ScanContext.Provider value={router}>
        <div className="app">
          <header className="app-header">
            <div className="brand">
              <span className="brand-mark" aria-hidden="true">◆</span> CouponDesk
              {settings.data.storeName !== '' && <span className="store-name">{settings.data.storeName}</span>}
            </div>
            <nav className="tabs" aria-label="Screens">
              {SCREENS.map((entry) => (
                <button
                  key={entry.name}
                  type="button"
                  className={entry.name === screen ? 'tab active' : 'tab'}
                  aria-current={entry.name === screen ? 'page' : undefined}
                  onClick={() => setScreen(entry.name)}
                >
                  {entry.label} <kbd>{entry.key}</kbd>
                </button>
              ))}
            </nav>
          </header>
          <StatusBar onOpenSales={() => setScreen('sales')} onOpenCoupons={() => setScreen('coupons')} onOpenSettings={() => setScreen('settings')} />
          <main className="screen">
            {screen === 'checkout' && <CheckoutScreen scan={pendingScan} />}
            {screen === 'sales' && <SalesScreen />}
            {screen === 'coupons' && (
              <CouponsScreen
                onMapByHand={() => {
                  setImportRequest((previous) => ({ kind: 'catalog', serial: (previous?.serial ?? 0) + 1 }))
                  setScreen('import')
                }}
              />
            )}
            {screen === 'settings' && <SettingsScreen />}
            {isImportMounted && (
              <div hidden={screen !== 'import'}>
                <ImportScreen isActive={screen === 'import'} request={importRequest} />
              </div>
            )}
          </main>
        </div>
      </ScanContext.Provider>
    </SettingsContext.Provider>
  )
}
