/** Errors and undoable actions from anywhere (the query cache, event handlers) reach the toast list through this bus. */
export interface ToastMessage {
  text: string
  /** An action that can be taken back: the toast shows Undo, and Ctrl/Cmd+Z takes the newest one back. */
  undo?: () => Promise<unknown> | void
  kind: 'error' | 'undo' | 'info'
}

type Listener = (message: ToastMessage) => void
const listeners = new Set<Listener>()

function emit(message: ToastMessage): void {
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
  return () => listeners.delete(listener)
}
