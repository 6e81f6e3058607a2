import type { DesktopCapturerSource, NativeImage, SourcesOptions } from 'electron'
import { MAC_SCREEN_RECORDING_SETTINGS_URL } from '../../shared/contract/domains/capture'
import type { ScreenPermission } from '../../shared/contract/domains/capture'
import type {
  FrameEncoder,
  FrameWindow,
  ScreenAvailability,
  ScreenFrame,
  ScreenSource,
  StripedBitmap,
} from '../../core/capture/frame'
import type { ExclusionRules } from '../../core/capture/privacy'
import { compileExclusions } from '../../core/capture/privacy'

/** The slice of NativeImage this uses: nothing that compresses or resizes (that would run on this thread). */
export type ImageLike = Pick<NativeImage, 'isEmpty' | 'getSize' | 'toBitmap' | 'crop'>
export type SourceLike = Pick<DesktopCapturerSource, 'display_id' | 'name'> & { thumbnail: ImageLike }

export interface ElectronScreenOptions {
  /** Electron's desktopCapturer, or a fake. */
  capturer: { getSources(options: SourcesOptions): Promise<SourceLike[]> }
  /** Compresses the raw screenshots; in the app a worker thread of its own (capture/encodeThread.ts). */
  encoder: FrameEncoder
  now(): number
  /** Width of the stored image; height follows the screen's shape. */
  width?: number
  /** process.platform (the default): macOS and Linux each have their own rules below. */
  platform?: NodeJS.Platform
  /** process.env (the default), to tell a Wayland session (XDG_SESSION_TYPE, WAYLAND_DISPLAY). */
  env?: Readonly<Record<string, string | undefined>>
  /** macOS: systemPreferences.getMediaAccessStatus('screen'), asked before every capture. */
  screenAccess?: () => string
}

export const WAYLAND_REASON =
  'This is a Wayland session: the desktop would ask you to pick a screen for every screenshot, so Cairn does not take any. Log in to an X11 session (for example "GNOME on Xorg") to capture.'
export const MAC_PERMISSION_REASON =
  'macOS does not let Cairn see the screen: allow Cairn under System Settings → Privacy & Security → Screen Recording, then quit and reopen Cairn.'
export const WALLPAPER_ONLY_REASON =
  'only the desktop wallpaper was visible (no windows listed): not stored. If windows were open, macOS is not letting Cairn see them (Screen Recording).'

/**
 * Under Wayland, desktopCapturer goes through the xdg-desktop-portal, which shows a picker each time it is
 * asked; a capture every few seconds would be a prompt every few seconds. Either variable marks the session.
 */
export function isWaylandSession(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return (
    platform === 'linux' &&
    (env.XDG_SESSION_TYPE?.toLowerCase() === 'wayland' || (env.WAYLAND_DISPLAY ?? '') !== '')
  )
}

const MAC_STATES: Record<string, ScreenPermission['state']> = {
  'not-determined': 'not-determined',
  granted: 'granted',
  denied: 'denied',
  restricted: 'restricted',
}

/**
 * Whether the OS lets Cairn see the screen. macOS: Screen Recording must be allowed, and takes effect only after
 * a relaunch. "not-determined" counts as available: the first capture makes macOS ask once, and the person,
 * who has just turned capture on, answers it.
 */
export function screenAvailability(
  options: Pick<ElectronScreenOptions, 'platform' | 'env' | 'screenAccess'>,
): ScreenAvailability {
  const platform = options.platform ?? process.platform
  if (isWaylandSession(platform, options.env ?? process.env))
    return { available: false, reason: WAYLAND_REASON }
  if (platform !== 'darwin' || !options.screenAccess) return { available: true, reason: '' }
  let state: ScreenPermission['state']
  try {
    state = MAC_STATES[options.screenAccess()] ?? 'unknown'
  } catch {
    state = 'unknown'
  }
  const permission = { state, settingsUrl: MAC_SCREEN_RECORDING_SETTINGS_URL, relaunchNeeded: true }
  if (state === 'denied' || state === 'restricted') {
    return { available: false, reason: MAC_PERMISSION_REASON, permission }
  }
  return state === 'granted' ? { available: true, reason: '' } : { available: true, reason: '', permission }
}

/** Some Linux desktops give screens no display id: their place in the list stands in. */
const displayIdOf = (source: Pick<SourceLike, 'display_id'>, index: number): string =>
  source.display_id || `screen-${index + 1}`

/**
 * Bytes copied out of Chromium per turn of the main thread: 512 KiB, under 2 ms even on a loaded machine
 * (bench/capture, "main thread"), so a step stays under the 4 ms a capture may hold the thread at any screen size.
 */
export const STRIP_BYTES = 1 << 19

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * The screenshot's pixels as they are, in Skia's native order (BGRA on the little-endian machines Electron runs
 * on), read out in strips of rows: `crop` makes a view of the rows (Skia's extractSubset shares the pixels) and
 * `toBitmap()` copies just those out. Between strips the event loop gets a turn, so an 8 MB full-HD screen is
 * sixteen short steps rather than one long copy, and a 59 MB 5K screen 116. getBitmap(), which once
 * returned the pixels without a copy, is only an alias of toBitmap() in the Electron Cairn uses.
 */
export async function readStrips(image: ImageLike): Promise<StripedBitmap> {
  const { width, height } = image.getSize()
  const rows = Math.max(1, Math.floor(STRIP_BYTES / (Math.max(1, width) * 4)))
  const strips: Uint8Array[] = []
  for (let top = 0; top < height; top += rows) {
    if (top > 0) await nextTurn()
    const part =
      rows >= height ? image : image.crop({ x: 0, y: top, width, height: Math.min(rows, height - top) })
    const bitmap = part.toBitmap()
    strips.push(new Uint8Array(bitmap.buffer, bitmap.byteOffset, bitmap.byteLength))
  }
  return { width, height, strips, channelOrder: 'bgra' }
}

const excludesAny = (rules: ExclusionRules, windows: FrameWindow[]): boolean => {
  const matcher = compileExclusions(rules)
  return windows.some((window) => matcher.match(window) !== null)
}

/**
 * Screenshots through Electron's desktopCapturer, one per display. This (main) thread only takes each picture's
 * raw pixels, a strip at a time, and hands them to the encoder, which makes the WebP and the grey copy for the
 * hash elsewhere: a full-HD WebP costs far more than the 16 ms the main thread may be busy (docs/CAPTURE.md has the figures).
 *
 * Electron cannot tell which window of another app has the focus, so `window` is null. Instead every window
 * the OS lists is passed as `visibleWindows` (title only; the app name is not known), and the privacy rules
 * are checked against all of them: a password manager or a private window anywhere on screen drops the
 * frame. That errs toward not storing.
 */
export function electronScreenSource(options: ElectronScreenOptions): ScreenSource {
  const width = options.width ?? 1920
  const platform = options.platform ?? process.platform
  return {
    availability: () => Promise.resolve(screenAvailability(options)),
    async displays() {
      // Listing screens under Wayland would open the portal's picker.
      if (isWaylandSession(platform, options.env ?? process.env)) return []
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
      // Asked before every capture: never a portal prompt, never a capture macOS has not allowed.
      const availability = screenAvailability(options)
      if (!availability.available) throw new Error(availability.reason)
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
      const unread = (withheld?: string): ScreenFrame[] =>
        chosen.map(({ displayId }) => ({
          displayId,
          capturedAt,
          image: { data: new Uint8Array(0), format: 'webp' },
          gray: { width: 0, height: 0, pixels: new Uint8Array(0) },
          window: null,
          visibleWindows,
          ...(withheld === undefined ? {} : { withheld }),
        }))
      // macOS without Screen Recording (or before the relaunch it needs) shows the wallpaper and names no
      // window of another app: such a picture is not worth keeping, and is not read out.
      if (platform === 'darwin' && visibleWindows.length === 0) return unread(WALLPAPER_ONLY_REASON)
      // The pipeline will drop these frames: their pixels are never read out, let alone compressed.
      if (request?.exclusions && excludesAny(request.exclusions, visibleWindows)) return unread()
      // One display at a time, one strip at a time: each copy is its own short turn of the main thread.
      const frames: ScreenFrame[] = []
      for (const { source, displayId } of chosen) {
        const { image, gray } = await options.encoder.encode(await readStrips(source.thumbnail))
        frames.push({ displayId, capturedAt, image, gray, window: null, visibleWindows })
      }
      return frames
    },
  }
}
