import { encode as encodeJpegPixels } from 'jpeg-js'
import { checkBitmap } from '../../src/core/capture/encodeFrame'
import type { RawBitmap } from '../../src/core/capture/frame'

/**
 * A baseline JPEG of the bitmap (jpeg-js, pure JavaScript), what Cairn stored before lossless WebP: the bench's baseline. BGRA is
 * turned into RGBA in place, so the bitmap's bytes are changed: take the grey copy first.
 */
export function encodeJpeg(bitmap: RawBitmap, quality: number): Uint8Array {
  checkBitmap(bitmap)
  const { width, height, pixels } = bitmap
  if (bitmap.channelOrder === 'bgra') {
    for (let offset = 0; offset < width * height * 4; offset += 4) {
      const blue = pixels[offset] ?? 0
      pixels[offset] = pixels[offset + 2] ?? 0
      pixels[offset + 2] = blue
    }
  }
  const quality100 = Math.min(100, Math.max(1, Math.round(quality)))
  const encoded = encodeJpegPixels({ width, height, data: pixels }, quality100).data
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength)
}
