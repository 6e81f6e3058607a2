import { decode } from 'jpeg-js'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodeFrame, grayThumbnail } from '../../src/core/capture/encodeFrame'
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

function colourAt(jpeg: Uint8Array, x: number, y: number): { width: number; height: number; rgb: number[] } {
  const decoded = decode(jpeg, { useTArray: true })
  const offset = (y * decoded.width + x) * 4
  return { width: decoded.width, height: decoded.height, rgb: [...decoded.data.subarray(offset, offset + 3)] }
}

const near = (actual: number[], expected: Colour): void => {
  actual.forEach((channel, index) => expect(Math.abs(channel - (expected[index] ?? 0))).toBeLessThan(24))
}

describe('encoding a raw screenshot', () => {
  it('stores a JPEG of the full screen with its colours right, from the BGRA pixels Electron hands out', () => {
    const { image } = encodeFrame(splitScreen(1920, 1080, RED, BLUE, 'bgra'), 70)
    expect(image.format).toBe('jpeg')
    expect([...image.data.subarray(0, 2)]).toEqual([0xff, 0xd8])
    const left = colourAt(image.data, 300, 540)
    expect(left).toMatchObject({ width: 1920, height: 1080 })
    near(left.rgb, RED)
    near(colourAt(image.data, 1600, 540).rgb, BLUE)
  })

  it('keeps RGBA pixels as they are', () => {
    const { image } = encodeFrame(splitScreen(320, 200, RED, BLUE, 'rgba'), 90)
    near(colourAt(image.data, 40, 100).rgb, RED)
    near(colourAt(image.data, 280, 100).rgb, BLUE)
  })

  it('gives a higher quality a bigger file', () => {
    const noisy = (): RawBitmap => {
      const bitmap = splitScreen(400, 300, RED, BLUE, 'bgra')
      bitmap.pixels.forEach((_, index) => (bitmap.pixels[index] = (index * 2_654_435_761) % 251))
      return bitmap
    }
    expect(encodeFrame(noisy(), 90).image.data.length).toBeGreaterThan(
      encodeFrame(noisy(), 30).image.data.length,
    )
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
      differenceHash(encodeFrame(splitScreen(640, 400, left, right, 'bgra'), 70).gray)
    const dark: Colour = [20, 20, 20]
    const light: Colour = [240, 240, 240]
    expect(hash(dark, light)).toBe(hash(dark, light))
    expect(hash(dark, light)).not.toBe(hash(light, dark))
  })

  it('refuses a bitmap shorter than its size says, or one without pixels', () => {
    const short: RawBitmap = { width: 100, height: 100, pixels: new Uint8Array(100), channelOrder: 'bgra' }
    expect(() => encodeFrame(short, 70)).toThrow(/fewer than 100x100x4/)
    expect(() => encodeFrame({ ...short, width: 0 }, 70)).toThrow(/no pixels/)
  })

  it('ships its encoder with the app: jpeg-js is a production dependency, pure JavaScript', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    expect(manifest.dependencies).toHaveProperty('jpeg-js')
    const jpegJs = path.resolve(__dirname, '../../node_modules/jpeg-js')
    expect(fs.existsSync(path.join(jpegJs, 'binding.gyp'))).toBe(false)
  })
})
