import type { DesktopCapturerSource, NativeImage, SourcesOptions } from 'electron'
import type {
  FrameEncoder,
  FrameWindow,
  RawBitmap,
  ScreenFrame,
  ScreenSource,
} from '../../core/capture/frame'
import type { ExclusionRules } from '../../core/capture/privacy'
import { compileExclusions } from '../../core/capture/privacy'

/** The slice of NativeImage this uses: nothing that compresses or resizes (that would run on this thread). */
export type ImageLike = Pick<NativeImage, 'isEmpty' | 'getSize' | 'toBitmap'>
export type SourceLike = Pick<DesktopCapturerSource, 'display_id' | 'name'> & { thumbnail: ImageLike }

export interface ElectronScreenOptions {
  /** Electron's desktopCapturer, or a fake. */
  capturer: { getSources(options: SourcesOptions): Promise<SourceLike[]> }
  /** Compresses the raw screenshots; in the app a worker thread of its own (capture/encodeThread.ts). */
  encoder: FrameEncoder
  now(): number
  /** Width of the stored image; height follows the screen's shape. */
  width?: number
  jpegQuality?: number
}

/** Some Linux desktops give screens no display id: their place in the list stands in. */
const displayIdOf = (source: Pick<SourceLike, 'display_id'>, index: number): string =>
  source.display_id || `screen-${index + 1}`

/**
 * The screenshot's pixels as they are, in Skia's native order (BGRA on the little-endian machines Electron
 * runs on). toBitmap() copies them out of Chromium: a few milliseconds for a full-HD screen, the only
 * per-pixel work left on the main thread.
 */
export function rawBitmapOf(image: ImageLike): RawBitmap {
  const { width, height } = image.getSize()
  const bitmap = image.toBitmap()
  return {
    width,
    height,
    pixels: new Uint8Array(bitmap.buffer, bitmap.byteOffset, bitmap.byteLength),
    channelOrder: 'bgra',
  }
}

const excludesAny = (rules: ExclusionRules, windows: FrameWindow[]): boolean => {
  const matcher = compileExclusions(rules)
  return windows.some((window) => matcher.match(window) !== null)
}

/**
 * Screenshots through Electron's desktopCapturer, one per display. This (main) thread only takes each picture's
 * raw pixels and hands them to the encoder, which makes the JPEG and the grey copy for the hash elsewhere: a
 * full-HD JPEG costs far more than the 16 ms the main thread may be busy (docs/CAPTURE.md has the figures).
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
    async capture(displayIds, request) {
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
      // Every picture is checked before any is encoded, so a refused permission costs no encoding.
      for (const { source } of chosen) {
        if (source.thumbnail.isEmpty()) {
          // macOS hands out empty pictures until Screen Recording is allowed for Cairn.
          throw new Error(
            'The screen came back empty: allow Screen Recording for Cairn in the system settings.',
          )
        }
      }
      if (request?.exclusions && excludesAny(request.exclusions, visibleWindows)) {
        // The pipeline will drop these frames: their pixels are never read out, let alone compressed.
        return chosen.map(({ displayId }) => ({
          displayId,
          capturedAt,
          image: { data: new Uint8Array(0), format: 'jpeg' },
          gray: { width: 0, height: 0, pixels: new Uint8Array(0) },
          window: null,
          visibleWindows,
        }))
      }
      // One display at a time: each bitmap copy is its own short turn of the main thread, never all at once.
      const frames: ScreenFrame[] = []
      for (const { source, displayId } of chosen) {
        const { image, gray } = await options.encoder.encode(rawBitmapOf(source.thumbnail), quality)
        frames.push({ displayId, capturedAt, image, gray, window: null, visibleWindows })
      }
      return frames
    },
  }
}
