import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startEncodeThread } from '../../src/core/capture/encodeThread'
import type { RawBitmap } from '../../src/core/capture/frame'

const sizeOf = async (image: Uint8Array) => {
  const { format, width, height } = await sharp(image).metadata()
  return { format, width, height }
}

const WORKER = path.resolve(__dirname, '../../src/core/capture/encodeWorker.ts')

function gradient(width: number, height: number): RawBitmap {
  const pixels = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1)
      pixels.set([0, 0, Math.floor((x * 255) / width), 255], (y * width + x) * 4)
  }
  return { width, height, pixels, channelOrder: 'bgra' }
}

function encoder() {
  const thread = startEncodeThread({ workerPath: WORKER, execArgv: ['--import', 'tsx'] })
  onTestFinished(() => thread.close())
  return thread
}

describe('the capture encoder thread', () => {
  it('encodes a full-HD screenshot in its worker; the pixels are moved there, not copied', async () => {
    const bitmap = gradient(1920, 1080)
    const encoding = encoder().encode(bitmap)
    // Moved: the sending thread no longer holds the 8 MB.
    expect(bitmap.pixels.byteLength).toBe(0)
    const { image, gray } = await encoding
    expect(image.format).toBe('webp')
    const { data, info } = await sharp(image.data).raw().toBuffer({ resolveWithObject: true })
    expect(info).toMatchObject({ format: 'raw', width: 1920, height: 1080 })
    const redAt = (x: number): number => data[(540 * 1920 + x) * info.channels] ?? -1
    expect(redAt(10)).toBeLessThan(20)
    expect(redAt(1910)).toBeGreaterThan(235)
    expect(gray).toMatchObject({ width: 64, height: 36 })
    expect(gray.pixels[63]).toBeGreaterThan(gray.pixels[0] ?? 255)
  })

  it('fails only the frame it cannot encode and goes on with the next', async () => {
    const thread = encoder()
    const broken: RawBitmap = { width: 50, height: 50, pixels: new Uint8Array(10), channelOrder: 'bgra' }
    await expect(thread.encode(broken)).rejects.toThrow(/could not be compressed: .*fewer than 50x50x4/)
    const { image } = await thread.encode(gradient(64, 48))
    expect(await sizeOf(image.data)).toEqual({ format: 'webp', width: 64, height: 48 })
  })

  it('takes a screen read out in strips, moving every strip', async () => {
    const whole = gradient(100, 30)
    const strips = [0, 10, 20].map((top) => whole.pixels.slice(top * 400, (top + 10) * 400))
    const { image } = await encoder().encode({ width: 100, height: 30, strips, channelOrder: 'bgra' })
    expect(strips.every((strip) => strip.byteLength === 0)).toBe(true)
    const { data, info } = await sharp(image.data).raw().toBuffer({ resolveWithObject: true })
    expect(info).toMatchObject({ width: 100, height: 30 })
    expect(data[(25 * 100 + 99) * info.channels]).toBe(whole.pixels[(25 * 100 + 99) * 4 + 2])
  })

  it('fails the frames still waiting when it is closed, and starts again for the next one', async () => {
    const thread = encoder()
    const waiting = expect(thread.encode(gradient(800, 600))).rejects.toThrow(/encoder was closed/)
    await thread.close()
    await waiting
    const { image } = await thread.encode(gradient(32, 32))
    expect(await sizeOf(image.data)).toEqual({ format: 'webp', width: 32, height: 32 })
  })
})
