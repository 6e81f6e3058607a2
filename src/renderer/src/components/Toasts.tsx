import { X } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText } from '../lib/errors'
import { onToast, reportError } from '../lib/toastBus'
import type { ToastMessage } from '../lib/toastBus'

interface Toast extends ToastMessage {
  id: number
}

let nextId = 1
const TOAST_MS = 6_000
/** Long enough to notice and reach for Undo, short enough not to pile up. */
const UNDO_MS = 8_000

/** Failed calls and undoable actions are shown here: short messages that go away by themselves. */
export function Toasts() {
  const { t } = useTranslation()
  const [toasts, setToasts] = useState<Toast[]>([])
  const latest = useRef<Toast[]>([])
  useEffect(() => {
    latest.current = toasts
  }, [toasts])

  const drop = (id: number) => setToasts((all) => all.filter((toast) => toast.id !== id))
  const undo = (toast: Toast) => {
    drop(toast.id)
    void Promise.resolve()
      .then(() => toast.undo?.())
      .catch((error: unknown) => reportError(errorText(error)))
  }

  useEffect(
    () =>
      onToast((message) => {
        const id = nextId++
        // The same failure repeated (a refetch loop) stays one toast.
        setToasts((all) =>
          [...all.filter((toast) => toast.undo || toast.text !== message.text), { ...message, id }].slice(-4),
        )
        setTimeout(() => drop(id), message.undo ? UNDO_MS : TOAST_MS)
      }),
    [],
  )

  // Ctrl/Cmd+Z outside a text field takes back the newest undoable action still on screen.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.key.toLowerCase() !== 'z') return
      const target = event.target as HTMLElement | null
      if (target?.closest('input, textarea, [contenteditable="true"], .cm-host')) return
      const toast = latest.current.findLast((item) => item.undo)
      if (!toast) return
      event.preventDefault()
      undo(toast)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} data-testid="toast">
          <span>{toast.text}</span>
          {toast.undo && (
            <button type="button" className="toast-undo" onClick={() => undo(toast)}>
              {t('common.undo')}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={t('common.dismiss')}
            title={t('common.dismiss')}
            onClick={() => drop(toast.id)}
          >
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  )
}
