import { useEffect, useRef, useState } from 'react'
import { CapturedScreenshot, isCapturedPath } from './capture/CapturedScreenshot'
import { useTranslation } from 'react-i18next'

/**
 * Screenshots the page may show under its Content-Security-Policy (img-src 'self' data: blob:): data and
 * blob URLs and paths served by the app itself. Anything else is named, never fetched from elsewhere.
 */
export function isShowable(source: string): boolean {
  return /^(data:image\/|blob:|\/|\.\/)/.test(source)
}

/** A thumbnail that opens the picture large in a modal; Esc or a click closes it. */
export function Screenshot({ source, label }: { source: string; label: string }) {
  const { t } = useTranslation()
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
        aria-label={t('timeline.enlarge', { title: label })}
        onClick={() => setOpen(true)}
      >
        <img src={source} alt="" loading="lazy" />
      </button>
      {open && (
        <dialog
          ref={dialog}
          className="lightbox"
          aria-label={t('timeline.screenshotOf', { title: label })}
          onClose={() => setOpen(false)}
          onClick={() => dialog.current?.close()}
        >
          <img src={source} alt={t('timeline.screenshotOf', { title: label })} />
        </dialog>
      )}
    </>
  )
}
