import { useEffect, useRef, useState } from 'react'
import { CapturedScreenshot, isCapturedPath } from './capture/CapturedScreenshot'

/**
 * Screenshots the page may show under its Content-Security-Policy (img-src 'self' data: blob:): data and
 * blob URLs and paths served by the app itself. Anything else is named, never fetched from elsewhere.
 */
export function isShowable(source: string): boolean {
  return /^(data:image\/|blob:|\/|\.\/)/.test(source)
}

/** A thumbnail that opens the picture large in a modal; Esc or a click closes it. */
export function Screenshot({ source, label }: { source: string; label: string }) {
  const [open, setOpen] = useState(false)
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal()
  }, [open])
  if (isCapturedPath(source)) {
    return (
      <CapturedScreenshot path={source} show={(dataUrl) => <Screenshot source={dataUrl} label={label} />} />
    )
  }
  if (!isShowable(source)) {
    return (
      <span className="chip" title={source}>
        {source.split(/[\\/]/).pop()}
      </span>
    )
  }
  return (
    <>
      <button
        type="button"
        className="thumb"
        aria-label={`Enlarge screenshot of ${label}`}
        onClick={() => setOpen(true)}
      >
        <img src={source} alt="" loading="lazy" />
      </button>
      {open && (
        <dialog
          ref={dialog}
          className="lightbox"
          aria-label={`Screenshot of ${label}`}
          onClose={() => setOpen(false)}
          onClick={() => dialog.current?.close()}
        >
          <img src={source} alt={`Screenshot of ${label}`} />
        </dialog>
      )}
    </>
  )
}
