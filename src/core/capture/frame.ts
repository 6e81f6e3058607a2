import type { ScreenPermission } from '../../shared/contract/domains/capture'
import type { ExclusionRules } from './privacy'
import type { FrameWindow } from './window'

/** A grey-scale copy of a frame, small enough to hash cheaply (the screen source makes it). */
export interface GrayImage {
  width: number
  height: number
  /** One byte per pixel, row by row. */
  pixels: Uint8Array
}

export type { FrameWindow } from './window'

/** One screenshot of one display, as the platform's screen source hands it over. */
export interface ScreenFrame {
  displayId: string
  capturedAt: number
  /**
   * Already compressed (Electron: by `encodeFrame` in the capture encoder thread, never on the main thread).
   * Empty, like `gray`, when the source saw a window the privacy rules exclude and so compressed nothing.
   */
  image: { data: Uint8Array; format: 'jpeg' | 'png' | 'webp' }
  gray: GrayImage
  /** The focused window when the frame was taken, when the platform can tell. */
  window: FrameWindow | null
  /**
   * Every window on screen, when the platform lists them but cannot say which has the focus (Electron). The
   * privacy rules apply to each: any excluded window on screen drops the frame.
   */
  visibleWindows?: FrameWindow[]
  /**
   * Why the source kept the picture back (macOS: only the wallpaper was visible, as when Screen Recording is
   * not allowed): the pipeline records the frame as excluded with this reason and stores nothing.
   */
  withheld?: string
}

export interface DisplayInfo {
  id: string
  /** What the OS calls it ("Screen 1", "Built-in Retina Display"...). */
  label: string
}

/** Where frames come from: Electron's desktopCapturer in the app, fixtures in tests. */
export interface CaptureRequest {
  /**
   * The privacy rules in force, so a source that sees an excluded window can skip compressing a frame the
   * pipeline will drop anyway. The pipeline checks the rules itself in any case: this only saves work.
   */
  exclusions?: ExclusionRules
}

/** Whether the OS lets the source see the screen now; asked before every capture. */
export interface ScreenAvailability {
  available: boolean
  /** Why not, in words for the person; empty when available. */
  reason: string
  /** The OS permission that is missing and where to grant it, when that is the reason. */
  permission?: ScreenPermission
}

export interface ScreenSource {
  capture(displayIds: string[] | null, request?: CaptureRequest): Promise<ScreenFrame[]>
  /**
   * Asked before every tick, and at start: a source that cannot see the screen (a Wayland session, a denied
   * macOS permission) says so here, and the core does not call capture(). Absent means always available.
   */
  availability?(): Promise<ScreenAvailability>
  /** The displays there are to choose from, when the platform can list them. */
  displays?(): Promise<DisplayInfo[]>
}

/**
 * A screenshot as the OS hands it over, uncompressed: 4 bytes per pixel, row by row, no padding. Electron's
 * NativeImage.toBitmap() gives BGRA on the platforms Cairn ships for (Skia's native order on little-endian).
 */
export interface RawBitmap {
  width: number
  height: number
  /** width x height x 4 bytes. Whoever encodes it may reuse (and so change) these bytes. */
  pixels: Uint8Array
  channelOrder: 'bgra' | 'rgba'
}

/**
 * A raw bitmap read out in horizontal strips, top to bottom, each width x rows x 4 bytes. Electron's main thread
 * reads a screen this way so no single step copies more than a strip (docs/CAPTURE.md); the encoder joins them.
 */
export interface StripedBitmap {
  width: number
  height: number
  strips: Uint8Array[]
  channelOrder: 'bgra' | 'rgba'
}

/** What a screen source needs from a raw bitmap: the stored image and the grey copy for the hash. */
export type EncodedFrame = Pick<ScreenFrame, 'image' | 'gray'>

/** Turns raw bitmaps into frames' images; in the desktop app a worker thread (capture/encodeThread.ts). */
export interface FrameEncoder {
  encode(bitmap: RawBitmap | StripedBitmap): Promise<EncodedFrame>
}
