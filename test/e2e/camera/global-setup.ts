import { CAMERA_FEED_DIR } from '../../helpers/camera/feeds'
import { writeFeedVideos } from '../../helpers/camera/feed-videos'

/**
 * Renders the fake camera's videos before any browser starts (each camera project launches
 * Chromium with one of them): real barcode images from bwip-js, placed in a webcam-like scene.
 */
export default async function globalSetup(): Promise<void> {
  await writeFeedVideos(CAMERA_FEED_DIR)
}
