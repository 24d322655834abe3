import { z } from 'zod'
import { CODE_FORMATS } from './code-format'
import { ENGINE_NAMES } from './engines/engine'

/**
 * Messages between the page and the decoder worker. Both ends parse what they receive: a
 * malformed message is reported, never half-handled. Frames travel as transferable VideoFrames
 * (moved, not copied: they reference the camera's buffer).
 */

export const EngineNameSchema = z.enum(ENGINE_NAMES)

const isVideoFrame = (value: unknown): value is VideoFrame => typeof VideoFrame !== 'undefined' && value instanceof VideoFrame

export const DecoderRequestSchema = z.discriminatedUnion('type', [
  /** Load `engine`; when it cannot load and `fallback` is set, load the other one. */
  z.object({ type: z.literal('load'), engine: EngineNameSchema, fallback: z.boolean() }),
  z.object({ type: z.literal('decode'), id: z.number().int().nonnegative(), frame: z.custom<VideoFrame>(isVideoFrame, 'a frame must be a VideoFrame') }),
])
export type DecoderRequest = z.infer<typeof DecoderRequestSchema>

const PointSchema = z.object({ x: z.number(), y: z.number() })

export const DetectionSchema = z.object({
  text: z.string().min(1).max(4096),
  format: z.enum(CODE_FORMATS),
  corners: z.tuple([PointSchema, PointSchema, PointSchema, PointSchema]),
})

export const DecoderResponseSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('loaded'),
    engine: EngineNameSchema,
    requested: EngineNameSchema,
    /** Why the requested engine could not be used (then `engine` is the fallback). */
    problem: z.string().nullable(),
    loadMs: z.number(),
  }),
  z.object({ type: z.literal('load-failed'), message: z.string() }),
  z.object({
    type: z.literal('decoded'),
    id: z.number().int(),
    detection: DetectionSchema.nullable(),
    /** Time inside the engine only (no frame copy). */
    decodeMs: z.number(),
    /** Time in the worker for this frame: copying its pixels out, decoding. */
    workMs: z.number(),
    width: z.number().int(),
    height: z.number().int(),
  }),
  z.object({ type: z.literal('decode-failed'), id: z.number().int(), message: z.string() }),
])
export type DecoderResponse = z.infer<typeof DecoderResponseSchema>
