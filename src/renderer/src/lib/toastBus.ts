/** Errors from anywhere (the query cache, event handlers) reach the toast list through this bus. */
type Listener = (text: string) => void
const listeners = new Set<Listener>()

export function reportError(text: string): void {
  for (const listener of listeners) listener(text)
}

export function onErrorReported(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
