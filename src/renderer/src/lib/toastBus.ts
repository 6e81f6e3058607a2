/** Errors and undoable actions from anywhere (the query cache, event handlers) reach the toast list through this bus. */
export interface ToastMessage {
  text: string
  /** An action that can be taken back: the toast shows Undo, and Ctrl/Cmd+Z takes the newest one back. */
  undo?: () => Promise<unknown> | void
  kind: 'error' | 'undo' | 'info'
}

type Listener = (message: ToastMessage) => void
const listeners = new Set<Listener>()
/** Said before the toast list was there to show it (writes kept offline are saved as the window starts). */
const early: ToastMessage[] = []

function emit(message: ToastMessage): void {
  if (listeners.size === 0) {
    early.push(message)
    if (early.length > 4) early.shift()
  }
  for (const listener of listeners) listener(message)
}

export function reportError(text: string): void {
  emit({ text, kind: 'error' })
}

export function reportInfo(text: string): void {
  emit({ text, kind: 'info' })
}

/** Says what was just done, with an Undo that reverses it for a few seconds. */
export function offerUndo(text: string, undo: () => Promise<unknown> | void): void {
  emit({ text, undo, kind: 'undo' })
}

export function onToast(listener: Listener): () => void {
  listeners.add(listener)
  for (const message of early.splice(0)) listener(message)
  return () => listeners.delete(listener)
}
