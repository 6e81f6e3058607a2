import { encode as encodeJpegPixels } from 'jpeg-js'
import type { EncodedFrame, GrayImage, RawBitmap } from './frame'

/** Width of the grey copy the perceptual hash is computed from; its height follows the screen's shape. */
export const GRAY_WIDTH = 64

function checkBitmap(bitmap: RawBitmap): void {
  const { width, height, pixels } = bitmap
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`The screenshot has no pixels (${width}x${height}).`)
  }
  if (pixels.length < width * height * 4) {
    throw new RangeError(`The screenshot holds ${pixels.length} bytes, fewer than ${width}x${height}x4.`)
  }
}

/**
 * A small grey copy: each pixel is the mean of the block of screen pixels it covers, and of their three colour
 * channels (the mean is the same for BGRA and RGBA, so the order does not matter here).
 */
export function grayThumbnail(bitmap: RawBitmap, width = GRAY_WIDTH): GrayImage {
  checkBitmap(bitmap)
  const grayWidth = Math.min(width, bitmap.width)
  const grayHeight = Math.max(
    1,
    Math.min(bitmap.height, Math.round((grayWidth * bitmap.height) / bitmap.width)),
  )
  const sums = new Float64Array(grayWidth * grayHeight)
  const counts = new Uint32Array(grayWidth * grayHeight)
  const columnCell = new Uint32Array(bitmap.width)
  for (let x = 0; x < bitmap.width; x += 1) columnCell[x] = Math.floor((x * grayWidth) / bitmap.width)
  const { pixels } = bitmap
  for (let y = 0; y < bitmap.height; y += 1) {
    const rowCell = Math.floor((y * grayHeight) / bitmap.height) * grayWidth
    let offset = y * bitmap.width * 4
    for (let x = 0; x < bitmap.width; x += 1, offset += 4) {
      const cell = rowCell + (columnCell[x] ?? 0)
      sums[cell] =
        (sums[cell] ?? 0) + (pixels[offset] ?? 0) + (pixels[offset + 1] ?? 0) + (pixels[offset + 2] ?? 0)
      counts[cell] = (counts[cell] ?? 0) + 1
    }
  }
  const gray = new Uint8Array(grayWidth * grayHeight)
  for (let cell = 0; cell < gray.length; cell += 1) {
    gray[cell] = Math.round((sums[cell] ?? 0) / (3 * Math.max(1, counts[cell] ?? 0)))
  }
  return { width: grayWidth, height: grayHeight, pixels: gray }
}

/**
 * A baseline JPEG of the bitmap (jpeg-js, pure JavaScript: no native build to ship per platform). BGRA is
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

/** Everything a frame needs from a raw screenshot: the grey copy for the hash, then the JPEG to store. */
export function encodeFrame(bitmap: RawBitmap, quality: number): EncodedFrame {
  const gray = grayThumbnail(bitmap)
  return { gray, image: { data: encodeJpeg(bitmap, quality), format: 'jpeg' } }
}
