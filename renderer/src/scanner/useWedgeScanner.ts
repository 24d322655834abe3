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
    // Where the person was typing when we began to hold their keys: held text goes back there,
    // even if the screen moved the focus meanwhile (a check that answered, a saved sale).
    let heldTarget: Element | null = null

    const release = (text: string): void => {
      typeInto(heldTarget, text)
      heldTarget = null
    }
    const hold = (event: KeyboardEvent): void => {
      heldTarget ??= document.activeElement
      swallow(event)
      scheduleTick()
    }
    const scheduleTick = (): void => {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => {
        const text = current.tick(performance.now())
        if (text !== null) release(text)
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
          hold(event)
          return
        case 'scan':
          swallow(event)
          window.clearTimeout(timer)
          heldTarget = null
          onScanRef.current(decision.scan)
          return
        case 'release':
          release(decision.text)
          if (decision.then === 'hold') hold(event)
          return
        default:
          decision satisfies never
      }
    }
    const onBlur = (): void => {
      current.reset()
      heldTarget = null
    }

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
 * Delivers released keys: into the text field they were typed in, as typed text; anywhere else
 * as keydown events, so single-key shortcuts (U in a dialog) still work after being held.
 */
function typeInto(heldTarget: Element | null, text: string): void {
  const focused = document.activeElement
  const target = heldTarget !== null && heldTarget.isConnected ? heldTarget : focused
  if (isTextField(target)) {
    if (target === focused) {
      // execCommand is the one way to insert text that behaves exactly like typing (input events,
      // React onChange, undo stack); it is deprecated but fully supported in Chromium/Electron.
      document.execCommand('insertText', false, text)
      return
    }
    if (insertIntoUnfocused(target, text)) return
  }
  const receiver = focused ?? document.body
  for (const key of text) {
    receiver.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
  }
}

function isTextField(element: Element | null): element is HTMLInputElement | HTMLTextAreaElement {
  return (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) && !element.readOnly && !element.disabled
}

/** Types into a field that lost the focus meanwhile; false where the field has no caret (dates). */
function insertIntoUnfocused(field: HTMLInputElement | HTMLTextAreaElement, text: string): boolean {
  try {
    const end = field.selectionEnd ?? field.value.length
    field.setRangeText(text, field.selectionStart ?? end, end, 'end')
  } catch {
    return false
  }
  // React listens for input events and compares against the value it last saw: this is onChange.
  field.dispatchEvent(new Event('input', { bubbles: true }))
  return true
}
