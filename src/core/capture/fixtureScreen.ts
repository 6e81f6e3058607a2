import fs from 'node:fs'
import path from 'node:path'
import type { FrameWindow, GrayImage, ScreenFrame, ScreenSource } from './frame'

/** TEST ONLY: the variable that points the browser host at a folder of fixture screenshots. */
export const FIXTURE_SCREEN_ENV = 'CAIRN_FIXTURE_SCREEN_DIR'

const FORMATS = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp' } as const
const GRAY_WIDTH = 64
const GRAY_HEIGHT = 40

/**
 * A stand-in grey image drawn from the file's bytes: the core has no image decoder (Electron decodes in the
 * app), and for fixtures it is enough that the same file hashes the same and different files differ.
 */
function grayOf(data: Uint8Array): GrayImage {
  const pixels = new Uint8Array(GRAY_WIDTH * GRAY_HEIGHT)
  for (let index = 0; index < pixels.length; index += 1) {
    pixels[index] = data[Math.floor((index * data.length) / pixels.length)] ?? 0
  }
  return { width: GRAY_WIDTH, height: GRAY_HEIGHT, pixels }
}

function windowOf(imagePath: string): FrameWindow | null {
  const sidecar = imagePath.replace(/\.[^.]+$/, '.json')
  if (!fs.existsSync(sidecar)) return null
  const parsed = JSON.parse(fs.readFileSync(sidecar, 'utf8')) as Partial<FrameWindow>
  return { appName: String(parsed.appName ?? ''), title: String(parsed.title ?? '') }
}

/**
 * TEST ONLY. A screen source that plays the images of a folder in name order, one per capture, then starts
 * again. `name.json` beside `name.png` gives the focused window ({"appName": ..., "title": ...}). It lets the
 * headless host (`npm run serve`) capture in tests; it is never used by the desktop app.
 */
export function fixtureScreenSource(dir: string, now: () => number = Date.now): ScreenSource {
  const images = fs
    .readdirSync(dir)
    .filter((name) => path.extname(name).toLowerCase() in FORMATS)
    .sort()
    .map((name) => path.join(dir, name))
  if (images.length === 0) throw new Error(`${FIXTURE_SCREEN_ENV}: no .png, .jpg or .webp images in ${dir}.`)
  let next = 0
  return {
    displays: () => Promise.resolve([{ id: 'fixture', label: 'Fixture screen' }]),
    capture(displayIds) {
      const imagePath = images[next % images.length] ?? ''
      next += 1
      if (displayIds !== null && !displayIds.includes('fixture')) return Promise.resolve([])
      const data = new Uint8Array(fs.readFileSync(imagePath))
      const extension = path.extname(imagePath).toLowerCase() as keyof typeof FORMATS
      const frame: ScreenFrame = {
        displayId: 'fixture',
        capturedAt: now(),
        image: { data, format: FORMATS[extension] },
        gray: grayOf(data),
        window: windowOf(imagePath),
      }
      return Promise.resolve([frame])
    },
  }
}
