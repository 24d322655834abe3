import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { majorToMinor, parseAmount } from '../../../../electron/shared/money'
import type { ScanResult } from '../../scanner/wedge-detector'
import { useSettings } from '../../settings-context'
import { money } from '../../format'
import { CouponCard } from './CouponCard'
import { RecentSales } from './RecentSales'
import { UnverifiedDialog } from './UnverifiedDialog'
import { useCheckout } from './useCheckout'

/**
 * One screen, keyboard first: coupon (scan anywhere, or type + Enter), amount + Enter, done.
 * Alt+M opens the receipt order id and the sale time for back-dating; Esc clears everything.
 */
export function CheckoutScreen({ scan }: { scan: { scan: ScanResult; serial: number } | null }) {
  const settings = useSettings()
  const codeRef = useRef<HTMLInputElement>(null)
  const amountRef = useRef<HTMLInputElement>(null)
  const orderIdRef = useRef<HTMLInputElement>(null)
  const [codeText, setCodeText] = useState('')
  const [amountText, setAmountText] = useState('')
  const [showMore, setShowMore] = useState(false)
  const [orderId, setOrderId] = useState('')
  const [occurredAt, setOccurredAt] = useState('')

  const focus = useMemo(
    () => ({
      code: () => codeRef.current?.focus(),
      amount: () => amountRef.current?.focus(),
      orderId: () => {
        setShowMore(true)
        window.setTimeout(() => orderIdRef.current?.focus(), 0)
      },
    }),
    [],
  )
  const checkout = useCheckout(focus, settings.amountFormat)
  const { runCheck, save, reset } = checkout

  const clearAll = useCallback(() => {
    setCodeText('')
    setAmountText('')
    setOrderId('')
    setOccurredAt('')
    reset()
    codeRef.current?.focus()
  }, [reset])

  const lastScan = useRef(0)
  useEffect(() => {
    if (scan === null || scan.serial === lastScan.current) return
    lastScan.current = scan.serial
    setCodeText(scan.scan.code)
    // The amount comes next: take the keys the cashier types while the code is being checked.
    // A refusal moves the focus back to the coupon.
    amountRef.current?.focus()
    void runCheck(scan.scan.code)
  }, [scan, runCheck])

  useEffect(() => {
    codeRef.current?.focus()
  }, [])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && checkout.confirming === null) {
        event.preventDefault()
        clearAll()
      } else if (event.altKey && event.key.toLowerCase() === 'm') {
        event.preventDefault()
        setShowMore((value) => !value)
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [checkout.confirming, clearAll])

  const amountPreview = useMemo(() => {
    if (amountText.trim() === '') return null
    return parseAmount(amountText, {
      format: settings.amountFormat,
      currency: settings.currency,
      maxMinor: majorToMinor(settings.maxSaleAmount, settings.currency),
    })
  }, [amountText, settings])

  const submit = async (allowUnverified = false): Promise<void> => {
    const sale = await save(codeText, amountText, { orderId, occurredAt }, allowUnverified)
    if (sale !== null) {
      setCodeText('')
      setAmountText('')
      setOrderId('')
      setOccurredAt('')
    }
  }

  const example = settings.amountFormat === 'point' ? '12.50' : '12,50'
  const banner = checkout.banner

  return (
    <div className="checkout">
      <section className="checkout-main">
        {banner !== null && banner.tone !== 'warn' && <div className={`flash flash-${banner.tone}`} key={banner.serial} aria-hidden="true" />}
        <form
          className="checkout-form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <label className="field">
            <span className="field-label">Coupon</span>
            <input
              ref={codeRef}
              className="input big"
              data-testid="coupon-input"
              value={codeText}
              autoComplete="off"
              spellCheck={false}
              placeholder="Scan or type the code"
              onChange={(event) => setCodeText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault()
                  if (codeText.trim() === '') return
                  amountRef.current?.focus()
                  void runCheck(codeText)
                }
              }}
            />
          </label>

          <CouponCard check={checkout.check} checking={checkout.checking} />

          <label className="field">
            <span className="field-label">Amount ({settings.currency})</span>
            <input
              ref={amountRef}
              className="input big amount"
              data-testid="amount-input"
              inputMode="decimal"
              value={amountText}
              autoComplete="off"
              placeholder={example}
              onChange={(event) => setAmountText(event.target.value)}
              aria-invalid={amountPreview !== null && !amountPreview.ok}
            />
            <span className={`field-hint${amountPreview !== null && !amountPreview.ok ? ' error-text' : ''}`} data-testid="amount-hint">
              {amountPreview === null
                ? `Type it like ${example}, then Enter`
                : amountPreview.ok
                  ? `= ${money(amountPreview.amountMinor, settings.currency, settings.amountFormat)}`
                  : amountPreview.reason}
            </span>
          </label>

          <details className="more" open={showMore} onToggle={(event) => setShowMore(event.currentTarget.open)}>
            <summary>
              Receipt order ID and sale time <kbd>Alt+M</kbd>
            </summary>
            <div className="more-fields">
              <label className="field">
                <span className="field-label">Order ID from the receipt (empty: made up by the till)</span>
                <input ref={orderIdRef} className="input" data-testid="order-id-input" value={orderId} autoComplete="off" onChange={(event) => setOrderId(event.target.value)} />
              </label>
              <label className="field">
                <span className="field-label">Sale time, store time {settings.timeZone} (empty: now)</span>
                <input className="input" type="datetime-local" data-testid="occurred-at-input" value={occurredAt} onChange={(event) => setOccurredAt(event.target.value)} />
              </label>
            </div>
          </details>

          <div className="checkout-actions">
            <button type="submit" className="button primary big" data-testid="save-sale" disabled={checkout.saving}>
              {checkout.saving ? 'Saving…' : 'Save sale'} <kbd>Enter</kbd>
            </button>
            <button type="button" className="button secondary" onClick={clearAll}>
              Clear <kbd>Esc</kbd>
            </button>
          </div>
        </form>

        {banner !== null && (
          <div className={`banner tone-${banner.tone}`} role={banner.tone === 'bad' ? 'alert' : 'status'} data-testid="banner" data-tone={banner.tone}>
            <span className="banner-icon" aria-hidden="true">{banner.tone === 'ok' ? '✓' : banner.tone === 'warn' ? '!' : '✕'}</span>
            <div>
              <div className="banner-title">{banner.title}</div>
              {banner.detail !== null && <div className="banner-detail">{banner.detail}</div>}
            </div>
          </div>
        )}
      </section>

      <RecentSales />

      {checkout.confirming !== null && (
        <UnverifiedDialog
          code={checkout.confirming.code}
          message={checkout.confirming.message}
          onCancel={() => {
            checkout.cancelConfirm()
            amountRef.current?.focus()
          }}
          onConfirm={() => void submit(true)}
        />
      )}
    </div>
  )
}
