import { describe, expect, it } from 'vitest'
import { cameraProblem, cameraProblemFromError } from '../../../../renderer/src/camera/camera-problems'

const domError = (name: string, message = 'from the browser'): Error => Object.assign(new Error(message), { name })

describe('cameraProblemFromError', () => {
  it.each([
    ['NotFoundError', 'no-camera', 'No camera found'],
    ['DevicesNotFoundError', 'no-camera', 'No camera found'],
    ['OverconstrainedError', 'no-camera', 'No camera found'],
    ['NotAllowedError', 'denied', 'Camera permission denied'],
    ['PermissionDeniedError', 'denied', 'Camera permission denied'],
    ['SecurityError', 'denied', 'Camera permission denied'],
    ['NotReadableError', 'in-use', 'The camera is in use by another program'],
    ['TrackStartError', 'in-use', 'The camera is in use by another program'],
    ['AbortError', 'in-use', 'The camera is in use by another program'],
  ])('explains a %s as %s: "%s"', (name, kind, title) => {
    const problem = cameraProblemFromError(domError(name))
    expect(problem).toMatchObject({ kind, title, detail: null })
  })

  it('reminds the cashier in every message that the scanner and typing still work', () => {
    for (const name of ['NotFoundError', 'NotAllowedError', 'NotReadableError', 'Weird']) {
      expect(cameraProblemFromError(domError(name)).advice).toContain('You can keep scanning with the barcode scanner or typing the code.')
    }
  })

  it('keeps the system words of an unexpected failure for support, and only then', () => {
    expect(cameraProblemFromError(domError('TypeError', 'constraints are wrong'))).toMatchObject({ kind: 'failed', detail: 'TypeError: constraints are wrong' })
    expect(cameraProblemFromError('a plain string')).toMatchObject({ kind: 'failed', detail: 'a plain string' })
    expect(cameraProblemFromError(null)).toMatchObject({ kind: 'failed', detail: null })
  })

  it('words the cases the panel detects itself', () => {
    expect(cameraProblem('disconnected').title).toBe('The camera was disconnected')
    expect(cameraProblem('decoder', 'worker died')).toMatchObject({ title: 'The code reader stopped', detail: 'worker died' })
    expect(cameraProblem('unsupported').title).toBe('This system offers no camera access')
  })
})
