import { useEffect, useLayoutEffect, useRef } from 'react'
import type { ScanResult, WedgeConfig } from './wedge-detector'
import { WedgeDetector } from './wedge-detector'

/**
 * Puts the wedge detector in front of every keydown on the page (capture phase on window, so it
 * runs before any field or React handler). Held keys are swallowed; released keys are typed
 * into the focused field with `insertText`, which fires the normal input events (React sees a
 * change, undo works). A completed scan calls `onScan` and its Enter never submits anything.
 */
export function useWedgeScanner(config: WedgeConfig, onScan: (scan: ScanResult) => void): void {
  const detector = useRef<WedgeDetector | null>(null)
  const onScanRef = useRef(onScan)
  const configRef = useRef(config)
  useLayoutEffect(() => {
    onScanRef.current = onScan
    configRef.current = config
    detector.current?.configure(config)
  })

  useEffect(() => {
    const current = new WedgeDetector(configRef.current)
    detector.current = current
    let timer: number | undefined

    const scheduleTick = (): void => {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => {
        const text = current.tick(performance.now())
        if (text !== null) typeIntoFocused(text)
      }, current.pauseMs + 10)
    }

    const onKeyDown = (event: KeyboardEvent): void => {
      // Keys we re-dispatch ourselves (released shortcuts) are never a scanner's.
      if (!event.isTrusted) return
      const decision = current.key(event)
      switch (decision.action) {
        case 'pass':
          return
        case 'hold':
          swallow(event)
          scheduleTick()
          return
        case 'scan':
          swallow(event)
          window.clearTimeout(timer)
          onScanRef.current(decision.scan)
          return
        case 'release':
          typeIntoFocused(decision.text)
          if (decision.then === 'hold') {
            swallow(event)
            scheduleTick()
          }
          return
        default:
          decision satisfies never
      }
    }
    const onBlur = (): void => current.reset()

    window.addEventListener('keydown', onKeyDown, { capture: true })
    window.addEventListener('blur', onBlur)
    return () => {
      window.clearTimeout(timer)
      window.removeEventListener('keydown', onKeyDown, { capture: true })
      window.removeEventListener('blur', onBlur)
    }
  }, [])
}

function swallow(event: KeyboardEvent): void {
  event.preventDefault()
  event.stopImmediatePropagation()
}

/**
 * Delivers released keys: into a text field as typed text; anywhere else as keydown events, so
 * single-key shortcuts (U in a dialog) still work after being held.
 */
function typeIntoFocused(text: string): void {
  const target = document.activeElement
  const isEditable =
    (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && !target.readOnly && !target.disabled
  if (isEditable) {
    // execCommand is the one way to insert text that behaves exactly like typing (input events,
    // React onChange, undo stack); it is deprecated but fully supported in Chromium/Electron.
    document.execCommand('insertText', false, text)
    return
  }
  const receiver = target ?? document.body
  for (const key of text) {
    receiver.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
  }
}
