import { createHash } from 'node:crypto'
import type { ByteSource } from './byte-source'
import type { EncodingGuess } from './detect-encoding'
import { decodeHead, detectEncoding } from './detect-encoding'
import type { TextLayout } from './sniff-layout'
import { sniffLayout } from './sniff-layout'

/** How a file is written (encoding, delimiter, line ending): what every import reads first. */
export interface FileShape {
  encoding: EncodingGuess
  layout: TextLayout
  notices: string[]
}

export async function readFileShape(source: ByteSource): Promise<FileShape> {
  const encoding = await detectEncoding(source)
  const layout = sniffLayout(await decodeHead(source, encoding))
  return { encoding, layout, notices: encoding.notice === null ? [] : [encoding.notice] }
}

/** The file's fingerprint: the same bytes imported twice are recognised by it. */
export async function sha256Of(source: ByteSource): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of source.chunks()) hash.update(chunk)
  return hash.digest('hex')
}

export function delimiterName(delimiter: string): string {
  if (delimiter === '\t') return 'tab'
  if (delimiter === ';') return 'semicolon'
  if (delimiter === '|') return 'pipe'
  return 'comma'
}
