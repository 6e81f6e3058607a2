/** A grey-scale copy of a frame, small enough to hash cheaply (the screen source makes it). */
export interface GrayImage {
  width: number
  height: number
  /** One byte per pixel, row by row. */
  pixels: Uint8Array
}

export interface FrameWindow {
  appName: string
  title: string
}

/** One screenshot of one display, as the platform's screen source hands it over. */
export interface ScreenFrame {
  displayId: string
  capturedAt: number
  /** Already compressed by the platform (Electron: NativeImage.toJPEG). */
  image: { data: Uint8Array; format: 'jpeg' | 'png' | 'webp' }
  gray: GrayImage
  /** The focused window when the frame was taken, when the platform can tell. */
  window: FrameWindow | null
  /**
   * Every window on screen, when the platform lists them but cannot say which has the focus (Electron). The
   * privacy rules apply to each: any excluded window on screen drops the frame.
   */
  visibleWindows?: FrameWindow[]
}

export interface DisplayInfo {
  id: string
  /** What the OS calls it ("Screen 1", "Built-in Retina Display"...). */
  label: string
}

/** Where frames come from: Electron's desktopCapturer in the app, fixtures in tests. */
export interface ScreenSource {
  capture(displayIds: string[] | null): Promise<ScreenFrame[]>
  /** The displays there are to choose from, when the platform can list them. */
  displays?(): Promise<DisplayInfo[]>
}
