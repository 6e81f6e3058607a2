import type { DesktopCapturerSource, NativeImage, ResizeOptions, SourcesOptions } from 'electron'
import type { FrameWindow, GrayImage, ScreenFrame, ScreenSource } from '../capture/frame'

/** The slice of NativeImage this uses. */
export interface ImageLike extends Pick<NativeImage, 'isEmpty' | 'getSize' | 'toBitmap' | 'toJPEG'> {
  resize(options: ResizeOptions): ImageLike
}
export type SourceLike = Pick<DesktopCapturerSource, 'display_id' | 'name'> & { thumbnail: ImageLike }

export interface ElectronScreenOptions {
  /** Electron's desktopCapturer, or a fake. */
  capturer: { getSources(options: SourcesOptions): Promise<SourceLike[]> }
  now(): number
  /** Width of the stored image; height follows the screen's shape. */
  width?: number
  jpegQuality?: number
}

const GRAY_WIDTH = 64

/** Some Linux desktops give screens no display id: their place in the list stands in. */
const displayIdOf = (source: Pick<SourceLike, 'display_id'>, index: number): string =>
  source.display_id || `screen-${index + 1}`

/** One byte per pixel from a 4-byte-per-pixel bitmap (BGRA or RGBA: the mean of three channels suits both). */
export function toGray(image: ImageLike): GrayImage {
  const { width, height } = image.getSize()
  const small = image.resize({
    width: GRAY_WIDTH,
    height: Math.max(1, Math.round((GRAY_WIDTH * height) / width)),
  })
  const size = small.getSize()
  const bitmap = small.toBitmap()
  const pixels = new Uint8Array(size.width * size.height)
  for (let index = 0; index < pixels.length; index += 1) {
    const offset = index * 4
    pixels[index] = Math.round(
      ((bitmap[offset] ?? 0) + (bitmap[offset + 1] ?? 0) + (bitmap[offset + 2] ?? 0)) / 3,
    )
  }
  return { width: size.width, height: size.height, pixels }
}

/**
 * Screenshots through Electron's desktopCapturer, one per display, compressed to JPEG on this (main) thread.
 *
 * Electron cannot tell which window of another app has the focus, so `window` is null. Instead every window
 * the OS lists is passed as `visibleWindows` (title only; the app name is not known), and the privacy rules
 * are checked against all of them: a password manager or a private window anywhere on screen drops the
 * frame. That errs toward not storing.
 */
export function electronScreenSource(options: ElectronScreenOptions): ScreenSource {
  const width = options.width ?? 1920
  const quality = options.jpegQuality ?? 70
  return {
    async displays() {
      const screens = await options.capturer.getSources({
        types: ['screen'],
        thumbnailSize: { width: 0, height: 0 },
      })
      return screens.map((source, index) => ({
        id: displayIdOf(source, index),
        label: source.name || `Screen ${index + 1}`,
      }))
    },
    async capture(displayIds) {
      const [screens, windows] = await Promise.all([
        options.capturer.getSources({ types: ['screen'], thumbnailSize: { width, height: width } }),
        options.capturer.getSources({ types: ['window'], thumbnailSize: { width: 0, height: 0 } }),
      ])
      const visibleWindows: FrameWindow[] = windows
        .filter((source) => source.name.trim().length > 0)
        .map((source) => ({ appName: '', title: source.name.slice(0, 500) }))
      const capturedAt = options.now()
      const chosen = screens
        .map((source, index) => ({ source, displayId: displayIdOf(source, index) }))
        .filter(({ displayId }) => displayIds === null || displayIds.includes(displayId))
      return chosen.map(({ source, displayId }): ScreenFrame => {
        if (source.thumbnail.isEmpty()) {
          // macOS hands out empty pictures until Screen Recording is allowed for Cairn.
          throw new Error(
            'The screen came back empty: allow Screen Recording for Cairn in the system settings.',
          )
        }
        return {
          displayId,
          capturedAt,
          image: { data: new Uint8Array(source.thumbnail.toJPEG(quality)), format: 'jpeg' },
          gray: toGray(source.thumbnail),
          window: null,
          visibleWindows,
        }
      })
    },
  }
}
