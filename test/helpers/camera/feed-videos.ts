import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { Feed } from './feeds'
import { FEEDS, feedVideoPath } from './feeds'
import { composeScene, renderCode } from './gray-image'
import type { GrayImage } from './scene'
import { encodeY4m } from './y4m'

/** Renders the picture of one feed. */
export async function renderFeedFrame(feed: Feed): Promise<GrayImage> {
  const code = feed.art === null ? null : await renderCode(feed.art)
  return composeScene(code, feed.scene)
}

/**
 * Writes every feed's video into `dir` (a still picture: one frame, which Chromium loops). A
 * file whose bytes are already right is left alone, so parallel runs never see a half-written
 * file they did not need to rewrite.
 */
export async function writeFeedVideos(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true })
  const written: string[] = []
  for (const feed of FEEDS) {
    const video = encodeY4m([await renderFeedFrame(feed)])
    const file = feedVideoPath(dir, feed.name)
    let current: Buffer | null = null
    try {
      current = readFileSync(file)
    } catch {
      current = null
    }
    if (current === null || !current.equals(video)) {
      const temporary = `${file}.${process.pid}.tmp`
      writeFileSync(temporary, video)
      // rename is atomic on one file system: a reader sees the old file or the new one.
      renameSync(temporary, file)
    }
    written.push(file)
  }
  return written
}
