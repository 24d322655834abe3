import type { Detection } from '../code-format'
import { CAMERA_ENGINES } from '../../../../electron/shared/camera'

/**
 * One barcode decoder behind one interface, so the worker can run either and the benchmark can
 * compare them on the same frames. `decode` looks for one code in an RGBA frame.
 */

export const ENGINE_NAMES = CAMERA_ENGINES
export type EngineName = (typeof ENGINE_NAMES)[number]

export interface DecodeEngine {
  readonly name: EngineName
  decode(frame: ImageData): Promise<Detection | null>
}
