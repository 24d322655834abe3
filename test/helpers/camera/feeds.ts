import path from 'node:path'
import type { CodeArt, Scene } from './scene'
import { PLAIN_SCENE } from './scene'

/**
 * The coupons the tests hold up to the fake camera, one video per feed, and the coupon list
 * they belong to. Each feed says which coupon card it must end in, so a test cannot pass by
 * reading the wrong thing. The blank feed (a counter with no code) must never decode.
 */

export interface Feed {
  name: string
  /** What the picture shows, for test names. */
  description: string
  art: CodeArt | null
  scene: Scene
  /** The coupon code the checkout must end up showing, or null for the blank feed. */
  expectedCode: string | null
  expectedAffiliate: string | null
}

export const CAMERA_CATALOGUE = [
  'code,affiliate_name,campaign_name,valid_to,status',
  'ANNA10,Anna Schmidt,Summer 2026,2099-12-31,active',
  'BERND-2026,Bernd Groß,Webcam,2099-12-31,active',
  '4006381333931,Carla Rossi,Shelf labels,2099-12-31,active',
  'SUMMER-LISA,Lisa Chen,Newsletter,2099-12-31,active',
  'DORA77,Dora Weiß,Flyers,2099-12-31,active',
  'EMIL-39,Emil Novak,Receipts,2099-12-31,active',
  'FX2026DM,Fatima Yilmaz,Stickers,2099-12-31,active',
  '036000291452,Gus Miller,Packaging,2099-12-31,active',
  'HANNA5,Hanna Berg,Posters,2099-12-31,active',
].join('\n')

export const FEEDS = [
  {
    name: 'qr',
    description: 'a QR code',
    art: { symbology: 'qrcode', text: 'ANNA10', moduleSize: 6 },
    scene: PLAIN_SCENE,
    expectedCode: 'ANNA10',
    expectedAffiliate: 'Anna Schmidt',
  },
  {
    name: 'code128',
    description: 'a Code 128 barcode',
    art: { symbology: 'code128', text: 'BERND-2026', moduleSize: 3 },
    scene: { ...PLAIN_SCENE, rotationDeg: 2, seed: 2 },
    expectedCode: 'BERND-2026',
    expectedAffiliate: 'Bernd Groß',
  },
  {
    name: 'ean13',
    description: 'an EAN-13 barcode',
    art: { symbology: 'ean13', text: '4006381333931', moduleSize: 3 },
    scene: { ...PLAIN_SCENE, rotationDeg: -3, seed: 3 },
    expectedCode: '4006381333931',
    expectedAffiliate: 'Carla Rossi',
  },
  {
    name: 'qr-url',
    description: 'a QR code holding a coupon link',
    art: { symbology: 'qrcode', text: 'https://shop.example.com/r?utm_source=flyer&coupon=SUMMER-LISA', moduleSize: 5 },
    scene: { ...PLAIN_SCENE, rotationDeg: 4, seed: 4 },
    expectedCode: 'SUMMER-LISA',
    expectedAffiliate: 'Lisa Chen',
  },
  {
    name: 'qr-small-turned',
    description: 'a small QR code turned by 30 degrees, off centre',
    art: { symbology: 'qrcode', text: 'DORA77', moduleSize: 3 },
    scene: { ...PLAIN_SCENE, rotationDeg: 30, offsetX: 150, offsetY: -80, seed: 5 },
    expectedCode: 'DORA77',
    expectedAffiliate: 'Dora Weiß',
  },
  {
    name: 'code39-faded',
    description: 'a faded, slightly blurred Code 39 barcode on thermal paper',
    art: { symbology: 'code39', text: 'EMIL-39', moduleSize: 3 },
    scene: { ...PLAIN_SCENE, contrast: 0.3, blurRadius: 1, rotationDeg: -6, noise: 8, seed: 6 },
    expectedCode: 'EMIL-39',
    expectedAffiliate: 'Emil Novak',
  },
  {
    name: 'datamatrix',
    description: 'a Data Matrix code',
    art: { symbology: 'datamatrix', text: 'FX2026DM', moduleSize: 10 },
    scene: { ...PLAIN_SCENE, rotationDeg: 12, seed: 7 },
    expectedCode: 'FX2026DM',
    expectedAffiliate: 'Fatima Yilmaz',
  },
  {
    name: 'upca',
    description: 'a UPC-A barcode',
    art: { symbology: 'upca', text: '036000291452', moduleSize: 3 },
    scene: { ...PLAIN_SCENE, rotationDeg: 1, seed: 8 },
    expectedCode: '036000291452',
    expectedAffiliate: 'Gus Miller',
  },
  {
    name: 'blank',
    description: 'a counter with no code in view',
    art: null,
    scene: { ...PLAIN_SCENE, noise: 10, seed: 9 },
    expectedCode: null,
    expectedAffiliate: null,
  },
] as const satisfies readonly Feed[]

export type FeedName = (typeof FEEDS)[number]['name']

export function feedByName(name: string): Feed {
  const feed = (FEEDS as readonly Feed[]).find((candidate) => candidate.name === name)
  if (feed === undefined) throw new Error(`no camera feed named ${name}`)
  return feed
}

/** Where the test setup writes the videos (git-ignored), one file per feed. */
export const CAMERA_FEED_DIR = path.resolve(__dirname, '../../../.tmp/camera-feeds')

export function feedVideoPath(dir: string, name: string): string {
  return path.join(dir, `${name}.y4m`)
}

/** Chromium's fake camera playing `videoFile`, with the permission prompt answered "allow". */
export function fakeCameraArgs(videoFile: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${videoFile}`]
}
