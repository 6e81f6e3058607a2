import { useState } from 'react'

/** An inline name field: Enter commits, Esc or an empty name cancels. */
export function NameInput({
  label,
  initial = '',
  onCommit,
  onCancel,
}: {
  label: string
  initial?: string
  onCommit: (name: string) => void
  onCancel: () => void
}) {
  const [value, setValue] = useState(initial)
  const commit = () => (value.trim() === '' ? onCancel() : onCommit(value.trim()))
  return (
    <input
      className="name-input"
      aria-label={label}
      value={value}
      autoFocus
      onChange={(event) => setValue(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit()
        if (event.key === 'Escape') onCancel()
      }}
    />
  )
}
