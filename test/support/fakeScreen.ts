import type { FrameWindow, ScreenFrame, ScreenSource } from '../../src/core/capture/frame'
import type { PowerMonitor, PowerState } from '../../src/core/platform/types'
import type { Clock } from '../../src/core/platform/clock'

export const WIDTH = 64
export const HEIGHT = 40

/** A deterministic "screen": a patchwork of shades from a seed, like windows on a desktop. */
export function screenPixels(seed: number): Uint8Array {
  const pixels = new Uint8Array(WIDTH * HEIGHT)
  let state = seed
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31)
  const tiles = 16
  const shades = Array.from({ length: tiles * tiles }, () => next() % 256)
  for (let y = 0; y < HEIGHT; y += 1) {
    for (let x = 0; x < WIDTH; x += 1) {
      pixels[y * WIDTH + x] =
        shades[Math.floor((y * tiles) / HEIGHT) * tiles + Math.floor((x * tiles) / WIDTH)] ?? 0
    }
  }
  return pixels
}

/**
 * A screen source that shows what the test sets: `seed` picks the picture, `window` the focused window,
 * `failure` makes the next captures throw. It counts how often it was asked.
 */
export class FakeScreen implements ScreenSource {
  seed = 1
  window: FrameWindow | null = { appName: 'Code', title: 'service.ts' }
  failure: string | null = null
  /** Set to make captures hang, as a stuck OS call would. */
  hang = false
  connected = ['display:1']
  calls: (string[] | null)[] = []

  constructor(private readonly clock: Clock) {}

  displays(): Promise<{ id: string; label: string }[]> {
    return Promise.resolve(this.connected.map((id, index) => ({ id, label: `Screen ${index + 1}` })))
  }

  capture(displayIds: string[] | null): Promise<ScreenFrame[]> {
    this.calls.push(displayIds)
    if (this.failure !== null) return Promise.reject(new Error(this.failure))
    if (this.hang) return new Promise(() => undefined)
    const pixels = screenPixels(this.seed)
    return Promise.resolve(
      this.connected
        .filter((display) => displayIds === null || displayIds.includes(display))
        .map((displayId) => ({
          displayId,
          capturedAt: this.clock.now(),
          image: { data: new Uint8Array([0xff, 0xd8, ...pixels.slice(0, 1000)]), format: 'jpeg' as const },
          gray: { width: WIDTH, height: HEIGHT, pixels },
          window: this.window,
        })),
    )
  }
}

export class FakePower implements PowerMonitor {
  current: PowerState = 'active'
  thresholds: number[] = []

  state(idleThresholdSeconds: number): Promise<PowerState> {
    this.thresholds.push(idleThresholdSeconds)
    return Promise.resolve(this.current)
  }
}
