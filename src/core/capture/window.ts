/** A window on screen, as the platform names it: what the privacy rules match and the Timeline shows. */
export interface FrameWindow {
  appName: string
  title: string
}
