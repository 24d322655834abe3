import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { play } from '../feedback/sounds'
import type { CameraDevice } from './camera-session'
import { CameraSession, listCameras } from './camera-session'
import type { CameraProblem } from './camera-problems'
import { cameraProblem, cameraProblemFromError } from './camera-problems'
import type { Detection } from './code-format'
import type { EngineInfo } from './decoder-client'
import type { EngineName } from './engines/engine'
import type { CameraBox } from './frame-judge'
import { FrameJudge } from './frame-judge'
import type { PumpedFrame } from './frame-pump'
import { FramePump } from './frame-pump'
import { sharedDecoder } from './shared-decoder'

/**
 * The camera while its panel is open: start the stream (the remembered camera, else the default),
 * pump frames to the decoder worker, apply the acceptance rules, and on a new scan beep and go
 * green at once (before the coupon check answers), then hand the code on. Everything it starts
 * it stops in its cleanup, including a stream that arrives after the panel closed.
 *
 * Performance marks (`camera:open`, `camera:live`, `camera:decoder-ready`, `camera:accepted`) let
 * the benchmark time opening-to-first-scan from outside; each opening replaces them (no pile-up).
 */

export type CameraPhase = 'starting' | 'live' | 'stopped' | 'problem'

export interface CameraView {
  phase: CameraPhase
  problem: CameraProblem | null
  activeDeviceId: string | null
  /** The remembered camera is not connected, so the default one is used. */
  chosenDeviceMissing: boolean
  engine: EngineInfo | null
  box: CameraBox | null
  reads: number
  lastRead: Detection | null
}

export interface CameraScannerOptions {
  running: boolean
  /** Bumped to start again (after Stop or a problem): every start is a fresh session. */
  attempt: number
  deviceId: string
  engine: EngineName
  onRead: (detection: Detection) => void
}

const MARKS = ['camera:open', 'camera:live', 'camera:decoder-ready', 'camera:accepted'] as const
const performanceClock = { now: () => performance.now() }

const STARTING: CameraView = {
  phase: 'starting',
  problem: null,
  activeDeviceId: null,
  chosenDeviceMissing: false,
  engine: null,
  box: null,
  reads: 0,
  lastRead: null,
}

export function useCameraScanner(options: CameraScannerOptions) {
  const { running, attempt, deviceId, engine } = options
  const videoRef = useRef<HTMLVideoElement>(null)
  const panelRef = useRef<HTMLElement>(null)
  // The view belongs to one session (one start of the camera); a new session starts from
  // STARTING without any state update, so effects only ever set state from async callbacks.
  const sessionKey = `${attempt}|${deviceId}|${engine}`
  const [session, setSession] = useState<{ key: string; view: CameraView }>({ key: sessionKey, view: STARTING })
  const [devices, setDevices] = useState<CameraDevice[]>([])
  const onReadRef = useRef(options.onRead)
  useLayoutEffect(() => {
    onReadRef.current = options.onRead
  })

  const refreshDevices = useCallback(async () => {
    if (navigator.mediaDevices === undefined) return
    try {
      setDevices(await listCameras(navigator.mediaDevices))
    } catch {
      // The list is a convenience: the camera in use keeps working without it.
    }
  }, [])

  useEffect(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined
    if (media === undefined) return
    const onChange = (): void => void refreshDevices()
    media.addEventListener('devicechange', onChange)
    return () => media.removeEventListener('devicechange', onChange)
  }, [refreshDevices])

  useEffect(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined
    if (!running || media === undefined) return
    for (const mark of MARKS) performance.clearMarks(mark)
    performance.mark('camera:open')

    const key = sessionKey
    const update = (change: (view: CameraView) => CameraView): void =>
      setSession((current) => ({ key, view: change(current.key === key ? current.view : STARTING) }))
    const camera = new CameraSession(media)
    const decoder = sharedDecoder(engine)
    void decoder.ready.then(
      (info) => {
        performance.mark('camera:decoder-ready')
        update((view) => ({ ...view, engine: info }))
      },
      () => undefined,
    )
    const judge = new FrameJudge(performanceClock)
    let pump: FramePump | null = null
    let attempts = 0
    const video = videoRef.current

    const showProblem = (problem: CameraProblem): void => {
      camera.close()
      pump?.stop()
      update((view) => ({ ...view, phase: 'problem', problem, box: null }))
    }

    const onFrame = (frame: PumpedFrame): void => {
      attempts += 1
      if (panelRef.current !== null) panelRef.current.dataset.attempts = String(attempts)
      const judgement = judge.judge(frame)
      if (judgement.kind === 'no-code') {
        if (judgement.clearBox) update((view) => (view.box === null ? view : { ...view, box: null }))
        return
      }
      const detection = frame.detection
      if (judgement.isNewScan && detection !== null) {
        // Feedback first, within the same task as the decode result: the beep and the green
        // box do not wait for React or for the coupon check.
        play('read')
        performance.mark('camera:accepted')
        onReadRef.current(detection)
      }
      update((view) => ({ ...view, box: judgement.box, ...(judgement.isNewScan ? { reads: view.reads + 1, lastRead: detection } : {}) }))
    }

    const start = async (): Promise<void> => {
      let stream: MediaStream | null
      let chosenDeviceMissing = false
      try {
        try {
          stream = await camera.open(deviceId === '' ? null : deviceId)
        } catch (error) {
          const name = (error as { name?: unknown } | null)?.name
          if (deviceId === '' || (name !== 'OverconstrainedError' && name !== 'NotFoundError')) throw error
          // The remembered camera is not plugged in: use the default one and say so.
          chosenDeviceMissing = true
          stream = await camera.open(null)
        }
      } catch (error) {
        if (!camera.isClosed) showProblem(cameraProblemFromError(error))
        return
      }
      if (stream === null || video === null) return
      const track = stream.getVideoTracks()[0]
      track?.addEventListener('ended', () => {
        if (!camera.isClosed) showProblem(cameraProblem('disconnected'))
      })
      video.srcObject = stream
      try {
        await video.play()
      } catch {
        // play() is interrupted when the panel closes meanwhile; a muted video may always play.
      }
      if (camera.isClosed) return
      performance.mark('camera:live')
      update((view) => ({ ...view, phase: 'live', activeDeviceId: track?.getSettings().deviceId ?? null, chosenDeviceMissing }))
      void refreshDevices()
      pump = new FramePump(video, decoder, onFrame, (error) => {
        if (!camera.isClosed) showProblem(cameraProblem('decoder', error.message))
      })
      pump.start()
    }
    void start()

    return () => {
      camera.close()
      pump?.stop()
      if (video !== null) {
        video.pause()
        video.srcObject = null
      }
    }
  }, [running, sessionKey, deviceId, engine, refreshDevices])

  const current = session.key === sessionKey ? session.view : STARTING
  const view: CameraView = !running
    ? { ...current, phase: 'stopped', problem: null, box: null }
    : navigator.mediaDevices === undefined
      ? { ...current, phase: 'problem', problem: cameraProblem('unsupported') }
      : current
  return { view, devices, videoRef, panelRef }
}
