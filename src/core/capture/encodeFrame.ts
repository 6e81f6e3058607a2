import sharp from 'sharp'
import type { Matrix3x3 } from 'sharp'
import type { EncodedFrame, GrayImage, RawBitmap, StripedBitmap } from './frame'

/** Width of the grey copy the perceptual hash is computed from; its height follows the screen's shape. */
export const GRAY_WIDTH = 64

export function checkBitmap(bitmap: RawBitmap): void {
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

/** Swaps blue and red of the three colour channels (BGRA to RGB once alpha is dropped), inside libvips. */
const SWAP_RED_BLUE: Matrix3x3 = [
  [0, 0, 1],
  [0, 1, 0],
  [1, 0, 0],
]

/**
 * A lossless WebP of the bitmap through sharp (libvips and libwebp, prebuilt in its npm packages). Screens are
 * flat colour and text, which lossless WebP packs tighter than lossy WebP or JPEG (bench/capture: 62 kB against
 * 95 kB lossy and 211 kB for jpeg-js's JPEG), with every letter exact for OCR. Effort 1: higher efforts save
 * nothing more on screens and cost more time; 0 is three times larger. Alpha (always opaque on a screen) is
 * dropped; BGRA becomes RGB inside libvips, so the bitmap's bytes are left as they were.
 */
export async function encodeWebp(bitmap: RawBitmap): Promise<Uint8Array> {
  checkBitmap(bitmap)
  const { width, height, pixels } = bitmap
  let image = sharp(pixels.subarray(0, width * height * 4), {
    raw: { width, height, channels: 4 },
  }).removeAlpha()
  if (bitmap.channelOrder === 'bgra') image = image.recomb(SWAP_RED_BLUE)
  const encoded = await image.webp({ lossless: true, effort: 1 }).toBuffer()
  // A copy (tens of kB): sharp's Buffer lives in memory libvips owns, which cannot be moved to another thread.
  return new Uint8Array(encoded)
}

/** Everything a frame needs from a raw screenshot: the grey copy for the hash, and the WebP to store. */
export async function encodeFrame(bitmap: RawBitmap): Promise<EncodedFrame> {
  const gray = grayThumbnail(bitmap)
  return { gray, image: { data: await encodeWebp(bitmap), format: 'webp' } }
}

/** One bitmap from the strips a screen source read it out in, top to bottom (see StripedBitmap). */
export function joinStrips(bitmap: RawBitmap | StripedBitmap): RawBitmap {
  if (!('strips' in bitmap)) return bitmap
  const { strips, ...size } = bitmap
  if (strips.length === 1 && strips[0]) return { ...size, pixels: strips[0] }
  const total = strips.reduce((sum, strip) => sum + strip.byteLength, 0)
  const pixels = new Uint8Array(total)
  let offset = 0
  for (const strip of strips) {
    pixels.set(strip, offset)
    offset += strip.byteLength
  }
  return { ...size, pixels }
}
