import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { encodeFrame, grayThumbnail, joinStrips } from '../../src/core/capture/encodeFrame'
import type { RawBitmap } from '../../src/core/capture/frame'
import { differenceHash } from '../../src/core/capture/perceptualHash'

type Colour = readonly [red: number, green: number, blue: number]
const RED: Colour = [230, 20, 20]
const BLUE: Colour = [20, 20, 230]

/** A screenshot whose left half is one colour and right half another, in the byte order the OS uses. */
function splitScreen(
  width: number,
  height: number,
  left: Colour,
  right: Colour,
  order: 'bgra' | 'rgba',
): RawBitmap {
  const pixels = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const [red, green, blue] = x < width / 2 ? left : right
      const offset = (y * width + x) * 4
      pixels.set(order === 'bgra' ? [blue, green, red, 255] : [red, green, blue, 255], offset)
    }
  }
  return { width, height, pixels, channelOrder: order }
}

/** Decodes a stored image as a viewer would, and reads one pixel's colour. */
async function colourAt(
  image: Uint8Array,
  x: number,
  y: number,
): Promise<{ format: string | undefined; width: number; height: number; rgb: number[] }> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true })
  const offset = (y * info.width + x) * info.channels
  return {
    format: (await sharp(image).metadata()).format,
    width: info.width,
    height: info.height,
    rgb: [...data.subarray(offset, offset + 3)],
  }
}

describe('encoding a raw screenshot', () => {
  it('stores a lossless WebP of the full screen with its colours exact, from the BGRA pixels Electron hands out', async () => {
    const { image } = await encodeFrame(splitScreen(1920, 1080, RED, BLUE, 'bgra'))
    expect(image.format).toBe('webp')
    expect(Buffer.from(image.data.subarray(8, 12)).toString('latin1')).toBe('WEBP')
    const left = await colourAt(image.data, 300, 540)
    expect(left).toMatchObject({ format: 'webp', width: 1920, height: 1080, rgb: [...RED] })
    expect((await colourAt(image.data, 1600, 540)).rgb).toEqual([...BLUE])
  })

  it('keeps RGBA pixels as they are, and leaves the bitmap it was given unchanged', async () => {
    const bitmap = splitScreen(320, 200, RED, BLUE, 'rgba')
    const before = bitmap.pixels.slice()
    const { image } = await encodeFrame(bitmap)
    expect((await colourAt(image.data, 40, 100)).rgb).toEqual([...RED])
    expect((await colourAt(image.data, 280, 100)).rgb).toEqual([...BLUE])
    expect(bitmap.pixels).toEqual(before)
  })

  it('puts a screen read out in strips back together in order', async () => {
    const whole = splitScreen(64, 40, RED, BLUE, 'bgra')
    whole.pixels.fill(0, 0, 64 * 10 * 4) // the top quarter black, so a strip out of place would show
    const rows = 64 * 4
    const strips = [0, 7, 14, 21, 28, 35].map((top) =>
      whole.pixels.slice(top * rows, Math.min(40, top + 7) * rows),
    )
    const joined = joinStrips({ width: 64, height: 40, strips, channelOrder: 'bgra' })
    expect(joined.pixels).toEqual(whole.pixels)
    const { image } = await encodeFrame(joined)
    expect((await colourAt(image.data, 5, 2)).rgb).toEqual([0, 0, 0])
    expect((await colourAt(image.data, 5, 30)).rgb).toEqual([...RED])
  })

  it('makes a 64-pixel-wide grey copy in the screen’s shape, each pixel the mean of the area it covers', () => {
    const bitmap = splitScreen(1920, 1080, [90, 60, 30], [255, 255, 255], 'bgra')
    const gray = grayThumbnail(bitmap)
    expect(gray).toMatchObject({ width: 64, height: 36 })
    expect(gray.pixels[0]).toBe(60)
    expect(gray.pixels[63]).toBe(255)
    expect(gray.pixels[35 * 64 + 31]).toBe(60)
    expect(gray.pixels[35 * 64 + 32]).toBe(255)
  })

  it('hashes the same screen the same and a changed screen differently', () => {
    const hash = (left: Colour, right: Colour): string =>
      differenceHash(grayThumbnail(splitScreen(640, 400, left, right, 'bgra')))
    const dark: Colour = [20, 20, 20]
    const light: Colour = [240, 240, 240]
    expect(hash(dark, light)).toBe(hash(dark, light))
    expect(hash(dark, light)).not.toBe(hash(light, dark))
  })

  it('refuses a bitmap shorter than its size says, or one without pixels', async () => {
    const short: RawBitmap = { width: 100, height: 100, pixels: new Uint8Array(100), channelOrder: 'bgra' }
    await expect(encodeFrame(short)).rejects.toThrow(/fewer than 100x100x4/)
    await expect(encodeFrame({ ...short, width: 0 })).rejects.toThrow(/no pixels/)
  })

  it('ships its encoder with the app: sharp and its prebuilt libvips come from npm packages, unpacked from the asar', () => {
    const root = path.resolve(__dirname, '../..')
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    expect(manifest.dependencies).toHaveProperty('sharp')
    const sharpManifest = JSON.parse(
      fs.readFileSync(path.join(root, 'node_modules/sharp/package.json'), 'utf8'),
    ) as { scripts?: Record<string, string> }
    // Nothing downloads or compiles at install time.
    expect(sharpManifest.scripts?.install).toBeUndefined()
    expect(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')).toContain('node_modules/@img/**')
  })
})
