import { useEffect, useState } from 'react'
import { onErrorReported } from '../lib/toastBus'

interface Toast {
  id: number
  text: string
}

let nextId = 1
const TOAST_MS = 6_000

/** Failed calls are reported here: a short message that goes away by itself or with its close button. */
export function Toasts() {
  const [toasts, setToasts] = useState<Toast[]>([])
  useEffect(
    () =>
      onErrorReported((text) => {
        const id = nextId++
        // The same failure repeated (a refetch loop) stays one toast.
        setToasts((all) => [...all.filter((toast) => toast.text !== text), { id, text }].slice(-4))
        setTimeout(() => setToasts((all) => all.filter((toast) => toast.id !== id)), TOAST_MS)
      }),
    [],
  )
  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" data-testid="toast">
          <span>{toast.text}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss message"
            onClick={() => setToasts((all) => all.filter((item) => item.id !== toast.id))}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
