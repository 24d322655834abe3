import { describe, expect, it } from 'vitest'
import { CameraSession, listCameras, videoConstraints } from '../../../../renderer/src/camera/camera-session'

/** A camera stream at the process edge: tracks that know whether they were stopped. */
class FakeTrack {
  readyState: 'live' | 'ended' = 'live'
  stop(): void {
    this.readyState = 'ended'
  }
}

function fakeStream(): { stream: MediaStream; tracks: FakeTrack[] } {
  const tracks = [new FakeTrack()]
  return { stream: { getTracks: () => tracks } as unknown as MediaStream, tracks }
}

/** getUserMedia whose answer the test releases when it wants (a camera that is slow to start). */
function slowCamera() {
  const calls: { constraints: MediaStreamConstraints; resolve: (stream: MediaStream) => void; reject: (error: Error) => void }[] = []
  const media = {
    getUserMedia: (constraints: MediaStreamConstraints) => new Promise<MediaStream>((resolve, reject) => calls.push({ constraints, resolve, reject })),
  }
  return { media, calls }
}

describe('CameraSession', () => {
  it('hands over the stream and stops every track on close', async () => {
    const { media, calls } = slowCamera()
    const session = new CameraSession(media)
    const opening = session.open(null)
    const { stream, tracks } = fakeStream()
    calls[0]?.resolve(stream)
    expect(await opening).toBe(stream)
    expect(tracks[0]?.readyState).toBe('live')
    session.close()
    expect(tracks.map((track) => track.readyState)).toEqual(['ended'])
  })

  it('stops a stream that arrives after the panel was closed, and never hands it over', async () => {
    const { media, calls } = slowCamera()
    const session = new CameraSession(media)
    const opening = session.open('front-camera')
    session.close()
    const { stream, tracks } = fakeStream()
    calls[0]?.resolve(stream)
    expect(await opening).toBeNull()
    expect(tracks[0]?.readyState).toBe('ended')
  })

  it('does not ask for the camera at all once closed', async () => {
    const { media, calls } = slowCamera()
    const session = new CameraSession(media)
    session.close()
    expect(await session.open(null)).toBeNull()
    expect(calls).toHaveLength(0)
  })

  it('passes the failure on when the camera cannot start', async () => {
    const { media, calls } = slowCamera()
    const opening = new CameraSession(media).open(null)
    calls[0]?.reject(Object.assign(new Error('busy'), { name: 'NotReadableError' }))
    await expect(opening).rejects.toMatchObject({ name: 'NotReadableError' })
  })

  it('asks for the remembered camera exactly, at the 640x480 the decoder is tuned for, without sound', () => {
    const { media, calls } = slowCamera()
    void new CameraSession(media).open('front-camera')
    expect(calls[0]?.constraints).toEqual(videoConstraints('front-camera'))
    expect(videoConstraints('front-camera')).toEqual({
      audio: false,
      video: { deviceId: { exact: 'front-camera' }, width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
    })
    expect(videoConstraints(null).video).not.toHaveProperty('deviceId')
  })
})

describe('listCameras', () => {
  it('lists only cameras, and names the unnamed ones (before any permission) by position', async () => {
    const devices = [
      { kind: 'audioinput', deviceId: 'mic', label: 'Microphone' },
      { kind: 'videoinput', deviceId: 'cam-a', label: '' },
      { kind: 'videoinput', deviceId: 'cam-b', label: 'USB Camera' },
      { kind: 'videoinput', deviceId: '', label: '' },
    ] as MediaDeviceInfo[]
    expect(await listCameras({ enumerateDevices: () => Promise.resolve(devices) })).toEqual([
      { deviceId: 'cam-a', label: 'Camera 1' },
      { deviceId: 'cam-b', label: 'USB Camera' },
    ])
  })
})
