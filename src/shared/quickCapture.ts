/** What the quick capture window's preload adds beside window.cairn: the clipboard and closing itself. */
export interface QuickCaptureBridge {
  /** The clipboard's text, read by the main process for this window only. */
  readClipboard(): Promise<string>
  /** Hides the quick capture window (Esc, or after a save). */
  close(): Promise<void>
  /** Called each time the window is shown, so the page can clear itself and focus the input. */
  onShown(listener: () => void): () => void
}

export const QUICK_CAPTURE_CLIPBOARD_CHANNEL = 'cairn:quick-capture:clipboard'
export const QUICK_CAPTURE_CLOSE_CHANNEL = 'cairn:quick-capture:close'
export const QUICK_CAPTURE_SHOWN_CHANNEL = 'cairn:quick-capture:shown'
export const QUICK_CAPTURE_PATH = '/quick-capture.html'
