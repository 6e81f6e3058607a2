import type { ScreenFrame, ScreenSource } from '../../src/core/capture/frame'
import { encodeFrame } from '../../src/core/capture/encodeFrame'
import { createRandom } from '../rng'

const WIDTH = 1280
const HEIGHT = 800

/** Distinct pictures in turn: more than the pipeline compares against, so none is dropped as unchanged. */
const POOL = 8

/**
 * A screen for the budgets bench: 1280x800 pictures of coloured tiles encoded as the desktop app encodes them,
 * made before anything is timed (in the app that work is on the capture encoder's thread), so the capture
 * methods are measured hashing, comparing, writing and reading real WebPs.
 */
export function benchScreen(): ScreenSource {
  const random = createRandom(7)
  const next = async (): Promise<ScreenFrame> => {
    const pixels = new Uint8Array(WIDTH * HEIGHT * 4)
    const tile = 80
    for (let ty = 0; ty < HEIGHT; ty += tile) {
      for (let tx = 0; tx < WIDTH; tx += tile) {
        const shade = [random() * 255, random() * 255, random() * 255]
        for (let y = ty; y < ty + tile; y += 1) {
          for (let x = tx; x < tx + tile; x += 1) {
            const at = (y * WIDTH + x) * 4
            pixels[at] = shade[0] ?? 0
            pixels[at + 1] = shade[1] ?? 0
            pixels[at + 2] = shade[2] ?? 0
            pixels[at + 3] = 255
          }
        }
      }
    }
    const encoded = await encodeFrame({ width: WIDTH, height: HEIGHT, pixels, channelOrder: 'rgba' })
    return {
      displayId: 'bench',
      capturedAt: Date.now(),
      ...encoded,
      window: { appName: 'Editor', title: 'budgets.md' },
    }
  }
  // Made one after another, so the seeded pictures come out the same every run.
  const pool = (async () => {
    const frames: ScreenFrame[] = []
    for (let index = 0; index < POOL; index += 1) frames.push(await next())
    return frames
  })()
  let turn = 0
  return {
    displays: () => Promise.resolve([{ id: 'bench', label: 'Bench screen' }]),
    capture: async () => {
      const frame = (await pool)[turn % POOL] as ScreenFrame
      turn += 1
      return [{ ...frame, capturedAt: Date.now() }]
    },
  }
}
