import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import type { KeyboardEvent, ReactNode } from 'react'

interface Props {
  count: number
  rowHeight: number
  /** The height of a row that differs from rowHeight (a row that starts a group carries its heading). */
  sizeOf?: (index: number) => number
  /** Changes whenever sizeOf would answer differently, so the rows are laid out again. */
  sizeKey?: string
  label: string
  active: number
  onActiveChange: (index: number) => void
  onOpen?: (index: number) => void
  onRangeChange: (range: { start: number; end: number }) => void
  onKey?: (event: KeyboardEvent, index: number) => boolean
  renderRow: (index: number) => ReactNode
  scrollTo?: number | null
}

/**
 * A keyboard-driven virtual list: only the rows on screen exist in the DOM, so 100,000 rows cost as much
 * as twenty. j/k or the arrows move, Home/End jump, Enter opens; `onKey` adds a screen's own keys.
 */
export function VirtualRows(props: Props) {
  const { count, rowHeight, onRangeChange, scrollTo, sizeOf } = props
  const parent = useRef<HTMLDivElement>(null)
  // TanStack Virtual returns functions the React Compiler cannot memoize; this component is simply not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parent.current,
    estimateSize: (index) => sizeOf?.(index) ?? rowHeight,
    overscan: 10,
  })
  const items = virtualizer.getVirtualItems()
  const start = items[0]?.index ?? 0
  const end = items[items.length - 1]?.index ?? 0

  useEffect(() => onRangeChange({ start, end }), [start, end, onRangeChange])
  useEffect(() => virtualizer.measure(), [props.sizeKey, virtualizer])
  useEffect(() => {
    if (scrollTo !== null && scrollTo !== undefined && scrollTo < count) {
      virtualizer.scrollToIndex(scrollTo, { align: 'center' })
    }
  }, [scrollTo, count, virtualizer])

  const move = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index))
    props.onActiveChange(next)
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return
    if (props.onKey?.(event, props.active)) return
    const page = Math.max(1, Math.floor((parent.current?.clientHeight ?? 400) / rowHeight) - 1)
    const moves: Record<string, number> = {
      j: 1,
      ArrowDown: 1,
      k: -1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
    }
    const delta = moves[event.key]
    if (delta !== undefined) move(props.active + delta)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(count - 1)
    else if (event.key === 'Enter' && props.onOpen) props.onOpen(props.active)
    else return
    event.preventDefault()
  }

  return (
    <div
      ref={parent}
      className="virtual-scroll"
      role="list"
      aria-label={props.label}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="virtual-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <div
            key={item.key}
            role="listitem"
            className={item.index === props.active ? 'virtual-row active' : 'virtual-row'}
            style={{ transform: `translateY(${item.start}px)`, height: item.size }}
            onMouseDown={() => props.onActiveChange(item.index)}
          >
            {props.renderRow(item.index)}
          </div>
        ))}
      </div>
    </div>
  )
}
