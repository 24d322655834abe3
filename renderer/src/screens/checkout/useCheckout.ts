import { useCallback, useRef, useState } from 'react'
import type { CodeCheck, SaleView } from '../../../../electron/shared/contract'
import { invoke } from '../../api/pos'
import { play } from '../../feedback/sounds'
import type { AmountFormat } from '../../../../electron/shared/money'
import { money } from '../../format'

/**
 * The checkout's state machine: check the code, take the amount, save, and say what happened
 * in words, colour and sound. "Saved" is shown only once the core answered, i.e. after the
 * sale's transaction committed.
 */

export type BannerTone = 'ok' | 'bad' | 'warn'

export interface Banner {
  tone: BannerTone
  title: string
  detail: string | null
  serial: number
}

export interface SaleExtras {
  orderId: string
  occurredAt: string
}

export function useCheckout(focus: { code: () => void; amount: () => void; orderId: () => void }, amountFormat: AmountFormat) {
  const [check, setCheck] = useState<CodeCheck | null>(null)
  const [checkedText, setCheckedText] = useState<string | null>(null)
  const [checking, setChecking] = useState(false)
  const [saving, setSaving] = useState(false)
  const [banner, setBannerState] = useState<Banner | null>(null)
  const [confirming, setConfirming] = useState<{ code: string; message: string } | null>(null)
  const serial = useRef(0)

  const setBanner = useCallback((tone: BannerTone, title: string, detail: string | null = null) => {
    serial.current += 1
    setBannerState({ tone, title, detail, serial: serial.current })
  }, [])

  const runCheck = useCallback(
    async (codeText: string): Promise<CodeCheck | null> => {
      setChecking(true)
      const result = await invoke('catalog:check-code', { code: codeText })
      setChecking(false)
      if (!result.ok) {
        setCheck(null)
        setCheckedText(null)
        setBanner('bad', result.error.message)
        play('refused')
        focus.code()
        return null
      }
      setCheck(result.value)
      setCheckedText(codeText)
      if (result.value.canSell) {
        setBannerState(null)
        play('scanned')
        focus.amount()
      } else if (result.value.needsConfirmation) {
        setBanner('warn', 'Unknown code', result.value.message)
        play('warning')
        focus.amount()
      } else {
        setBanner('bad', result.value.message)
        play('refused')
        focus.code()
      }
      return result.value
    },
    [focus, setBanner],
  )

  const reset = useCallback(() => {
    setCheck(null)
    setCheckedText(null)
    setConfirming(null)
  }, [])

  const save = useCallback(
    async (codeText: string, amountText: string, extras: SaleExtras, allowUnverified: boolean): Promise<SaleView | null> => {
      if (saving) return null
      if (codeText.trim() === '') {
        setBanner('bad', 'Scan or type a coupon first')
        play('refused')
        focus.code()
        return null
      }
      let current = checkedText === codeText ? check : null
      if (current === null) {
        current = await runCheck(codeText)
        if (current === null) return null
      }
      if (!current.canSell && !current.needsConfirmation) {
        setBanner('bad', current.message)
        play('refused')
        return null
      }
      if (current.needsConfirmation && !allowUnverified) {
        setConfirming({ code: current.code, message: current.message })
        return null
      }
      setSaving(true)
      const result = await invoke('sale:register', {
        code: codeText,
        amount: amountText,
        ...(extras.orderId.trim() === '' ? {} : { orderId: extras.orderId }),
        ...(extras.occurredAt.trim() === '' ? {} : { occurredAt: extras.occurredAt }),
        allowUnverified,
      })
      setSaving(false)
      setConfirming(null)
      if (!result.ok) {
        const { error } = result
        if (error.code === 'COUPON_UNKNOWN') {
          setConfirming({ code: codeText, message: error.message })
          return null
        }
        setBanner('bad', error.message)
        play('refused')
        if (error.code === 'INVALID_AMOUNT') focus.amount()
        else if (error.code === 'DUPLICATE_ORDER_ID' || error.code === 'INVALID_ORDER_ID') focus.orderId()
        else focus.code()
        return null
      }
      const { sale, warnings } = result.value
      const summary = [sale.code, money(sale.amountMinor, sale.currency, amountFormat), sale.affiliateName, `order ${sale.orderId}`]
      setBanner(warnings.length > 0 ? 'warn' : 'ok', 'Saved', [summary.filter((part) => part !== null).join(' · '), ...warnings].join(' — '))
      play('saved')
      reset()
      focus.code()
      return sale
    },
    [amountFormat, check, checkedText, focus, reset, runCheck, saving, setBanner],
  )

  return { check, checking, saving, banner, confirming, runCheck, save, reset, setBanner, cancelConfirm: () => setConfirming(null) }
}
