/**
 * One opening of the camera, and the promise that closing it turns the light off at once.
 *
 * `close()` stops every track it holds immediately. getUserMedia cannot be cancelled, so a
 * stream that arrives after `close()` (the panel was shut while the camera was still starting)
 * is stopped the moment it arrives and never shown. A session is used once: reopening makes a
 * new one, so a late stream can never land in a newer session.
 */

export interface CameraDevice {
  deviceId: string
  label: string
}

/** What we ask of the camera: the 640x480 frames the decoder is tuned and measured for. */
export function videoConstraints(deviceId: string | null): MediaStreamConstraints {
  return {
    audio: false,
    video: {
      ...(deviceId === null ? {} : { deviceId: { exact: deviceId } }),
      width: { ideal: 640 },
      height: { ideal: 480 },
      frameRate: { ideal: 30 },
    },
  }
}

export class CameraSession {
  private stream: MediaStream | null = null
  private closed = false

  constructor(private readonly media: Pick<MediaDevices, 'getUserMedia'>) {}

  get isClosed(): boolean {
    return this.closed
  }

  /** Opens the camera; resolves to null when the session was closed before it started. */
  async open(deviceId: string | null): Promise<MediaStream | null> {
    if (this.closed) return null
    const stream = await this.media.getUserMedia(videoConstraints(deviceId))
    if (this.closed) {
      stopTracks(stream)
      return null
    }
    this.stream = stream
    return stream
  }

  close(): void {
    this.closed = true
    if (this.stream !== null) stopTracks(this.stream)
    this.stream = null
  }
}

export function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop()
}

/** The cameras the system lists; labels are empty until a permission was granted once. */
export async function listCameras(media: Pick<MediaDevices, 'enumerateDevices'>): Promise<CameraDevice[]> {
  const devices = await media.enumerateDevices()
  return devices
    .filter((device) => device.kind === 'videoinput' && device.deviceId !== '')
    .map((device, index) => ({ deviceId: device.deviceId, label: device.label === '' ? `Camera ${index + 1}` : device.label }))
}
