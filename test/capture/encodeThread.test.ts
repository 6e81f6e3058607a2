import { decode } from 'jpeg-js'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startEncodeThread } from '../../src/core/capture/encodeThread'
import type { RawBitmap } from '../../src/core/capture/frame'

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
    const encoding = encoder().encode(bitmap, 70)
    // Moved: the sending thread no longer holds the 8 MB.
    expect(bitmap.pixels.byteLength).toBe(0)
    const { image, gray } = await encoding
    const decoded = decode(image.data, { useTArray: true })
    expect(decoded).toMatchObject({ width: 1920, height: 1080 })
    const redAt = (x: number): number => decoded.data[(540 * 1920 + x) * 4] ?? -1
    expect(redAt(10)).toBeLessThan(20)
    expect(redAt(1910)).toBeGreaterThan(235)
    expect(gray).toMatchObject({ width: 64, height: 36 })
    expect(gray.pixels[63]).toBeGreaterThan(gray.pixels[0] ?? 255)
  })

  it('fails only the frame it cannot encode and goes on with the next', async () => {
    const thread = encoder()
    const broken: RawBitmap = { width: 50, height: 50, pixels: new Uint8Array(10), channelOrder: 'bgra' }
    await expect(thread.encode(broken, 70)).rejects.toThrow(/could not be compressed: .*fewer than 50x50x4/)
    const { image } = await thread.encode(gradient(64, 48), 70)
    expect(decode(image.data)).toMatchObject({ width: 64, height: 48 })
  })

  it('fails the frames still waiting when it is closed, and starts again for the next one', async () => {
    const thread = encoder()
    const waiting = expect(thread.encode(gradient(800, 600), 70)).rejects.toThrow(/encoder was closed/)
    await thread.close()
    await waiting
    const { image } = await thread.encode(gradient(32, 32), 70)
    expect(decode(image.data)).toMatchObject({ width: 32, height: 32 })
  })
})
