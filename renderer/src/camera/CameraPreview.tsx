import type { RefObject } from 'react'
import { useState } from 'react'
import type { CameraBox } from './frame-judge'

/**
 * The live picture, mirrored like a looking glass (people aim a coupon more easily that way),
 * with the box drawn on the code. Video and box share one mirrored stage whose aspect ratio is
 * the camera's, so the box's frame coordinates land on the picture without any arithmetic.
 */
export function CameraPreview({ videoRef, box, hidden }: { videoRef: RefObject<HTMLVideoElement | null>; box: CameraBox | null; hidden: boolean }) {
  const [size, setSize] = useState({ width: 640, height: 480 })
  return (
    <div className="camera-stage" style={{ aspectRatio: `${size.width} / ${size.height}` }} hidden={hidden}>
      <div className="camera-mirror">
        <video
          ref={videoRef}
          className="camera-video"
          data-testid="camera-video"
          muted
          playsInline
          disablePictureInPicture
          onLoadedMetadata={(event) => {
            const { videoWidth, videoHeight } = event.currentTarget
            if (videoWidth > 0 && videoHeight > 0) setSize({ width: videoWidth, height: videoHeight })
          }}
        />
        {box !== null && (
          <svg className="camera-overlay" viewBox={`0 0 ${box.frameWidth} ${box.frameHeight}`} preserveAspectRatio="none" aria-hidden="true" data-testid="camera-box">
            <polygon className={`camera-box box-${box.state}`} points={box.corners.map((corner) => `${corner.x},${corner.y}`).join(' ')} />
          </svg>
        )}
      </div>
    </div>
  )
}
