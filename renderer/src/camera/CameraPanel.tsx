import { useCallback, useContext, useState } from 'react'
import { invoke } from '../api/pos'
import { ScanContext } from '../scan-context'
import { useSettings } from '../settings-context'
import type { Detection } from './code-format'
import { CODE_FORMAT_LABELS } from './code-format'
import { CameraPreview } from './CameraPreview'
import type { CameraView } from './useCameraScanner'
import { useCameraScanner } from './useCameraScanner'

/**
 * The webcam scanner on the checkout screen: choose the camera (remembered in the till's
 * settings), see the mirrored preview with a box on the code, start and stop. A read goes into
 * exactly the path a hand scanner's scan takes. Closing the panel (×, Alt+C, leaving the screen)
 * turns the camera off at once.
 */
export function CameraPanel({ onClose }: { onClose: () => void }) {
  const settings = useSettings()
  const router = useContext(ScanContext)
  const [running, setRunning] = useState(true)
  const [attempt, setAttempt] = useState(0)
  const [saveError, setSaveError] = useState<string | null>(null)
  const chosenDeviceId = settings['camera.deviceId']

  const onRead = useCallback(
    (detection: Detection) => router?.deliver({ source: 'camera', code: detection.text, format: detection.format }),
    [router],
  )
  const { view, devices, videoRef, panelRef } = useCameraScanner({ running, attempt, deviceId: chosenDeviceId, engine: settings['camera.engine'], onRead })

  const startAgain = (): void => {
    setRunning(true)
    setAttempt((value) => value + 1)
  }

  const chooseDevice = async (deviceId: string): Promise<void> => {
    const result = await invoke('settings:update', { 'camera.deviceId': deviceId })
    setSaveError(result.ok ? null : `The camera choice was not saved: ${result.error.message}`)
    startAgain()
  }

  const isOn = view.phase === 'starting' || view.phase === 'live'
  const activeLabel = devices.find((device) => device.deviceId === view.activeDeviceId)?.label
  const chosenIsListed = chosenDeviceId === '' || devices.some((device) => device.deviceId === chosenDeviceId)

  return (
    <section
      ref={panelRef}
      className={`camera-panel phase-${view.phase}`}
      aria-label="Camera scanner"
      data-testid="camera-panel"
      data-phase={view.phase}
      data-reads={view.reads}
      data-last-read={view.lastRead?.text ?? ''}
      data-box={view.box?.state ?? 'none'}
      data-engine={view.engine?.engine ?? ''}
      data-problem={view.problem?.kind ?? ''}
    >
      <header className="camera-head">
        <h2>Camera</h2>
        <button type="button" className="button ghost camera-close" data-testid="camera-close" onClick={onClose} aria-label="Close the camera">
          × <kbd>Alt+C</kbd>
        </button>
      </header>

      <div className="camera-controls">
        <select
          className="input"
          aria-label="Camera"
          data-testid="camera-device"
          value={chosenDeviceId}
          onChange={(event) => void chooseDevice(event.target.value)}
        >
          <option value="">System default{activeLabel !== undefined && chosenDeviceId === '' ? ` (${activeLabel})` : ''}</option>
          {!chosenIsListed && <option value={chosenDeviceId}>Chosen camera (not connected)</option>}
          {devices.map((device) => (
            <option key={device.deviceId} value={device.deviceId}>
              {device.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className={`button ${isOn ? 'secondary' : 'primary'}`}
          data-testid="camera-start-stop"
          onClick={() => (isOn ? setRunning(false) : startAgain())}
        >
          {isOn ? 'Stop' : 'Start'}
        </button>
      </div>

      <CameraPreview videoRef={videoRef} box={view.box} hidden={view.phase === 'stopped' || view.phase === 'problem'} />

      <CameraStatus view={view} />
      {view.chosenDeviceMissing && <p className="camera-note tone-warn-text">The chosen camera is not connected: using the default camera.</p>}
      {saveError !== null && <p className="camera-note error-text">{saveError}</p>}
      {view.engine !== null && (
        <p className="camera-note muted" data-testid="camera-engine">
          Decoder: {view.engine.engine}
          {view.engine.problem !== null && ` (fallback: ${view.engine.problem})`}
        </p>
      )}
    </section>
  )
}

function CameraStatus({ view }: { view: CameraView }) {
  if (view.phase === 'problem' && view.problem !== null) {
    return (
      <div className="camera-problem" role="alert" data-testid="camera-problem">
        <strong>{view.problem.title}</strong>
        <p>{view.problem.advice}</p>
        {view.problem.detail !== null && <p className="muted">{view.problem.detail}</p>}
      </div>
    )
  }
  const text =
    view.phase === 'starting'
      ? 'Starting the camera…'
      : view.phase === 'stopped'
        ? 'The camera is off.'
        : view.box?.state === 'reading'
          ? 'Reading… hold it steady'
          : view.box !== null && view.lastRead !== null
            ? `Scanned ${CODE_FORMAT_LABELS[view.lastRead.format]}: ${view.lastRead.text}`
            : 'Hold the coupon’s code in front of the camera'
  return (
    <p className="camera-status" role="status" data-testid="camera-status">
      {text}
    </p>
  )
}
