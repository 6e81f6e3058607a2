import type { ReactNode } from 'react'

/** Renders a search snippet with its matched ranges marked; text only, never HTML. */
export function Snippet({ text, highlights }: { text: string; highlights: [number, number][] }) {
  const parts: ReactNode[] = []
  let at = 0
  for (const [start, end] of highlights) {
    if (start < at || end > text.length) continue
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) parts.push(text.slice(at))
  return <span className="snippet">{parts}</span>
}
