import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { Point } from '../lib/chartData'
import { alignPoints } from '../lib/chartData'
import { useTranslation } from 'react-i18next'

const PALETTE = ['#6366f1', '#10b981', '#f59e0b', '#ef4444', '#06b6d4', '#a855f7', '#84cc16', '#ec4899']

/**
 * Canvas colours per theme. Not read from the CSS variables: this effect runs before the App's effect
 * that switches <html data-theme>, so the variables would still hold the previous theme's values.
 */
const INK = { light: { text: '#6f6c68', grid: '#e6e4e0' }, dark: { text: '#9b9893', grid: '#2e2d2b' } }

/**
 * A time-series chart drawn by uPlot on a canvas (no injected styles, so it lives with style-src 'self').
 * Redrawn when the data or the theme changes, resized with its box.
 */
export function TimeChart({
  label,
  points,
  unit,
  theme,
}: {
  label: string
  points: Point[]
  unit: string
  theme: string
}) {
  const { t } = useTranslation()
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = box.current
    if (!element || points.length === 0) return
    const { keys, data } = alignPoints(points)
    const colours = theme === 'dark' ? INK.dark : INK.light
    const axis = {
      stroke: colours.text,
      grid: { stroke: colours.grid, width: 1 },
      ticks: { stroke: colours.grid, width: 1 },
    }
    const chart = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: 200,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        axes: [
          axis,
          { ...axis, size: 56, values: (_chart, ticks) => ticks.map((tick) => `${compact(tick)}${unit}`) },
        ],
        series: [
          {},
          ...keys.map((key, index) => ({
            label: key,
            stroke: PALETTE[index % PALETTE.length],
            width: 2,
            points: { show: false },
          })),
        ],
      },
      data,
      element,
    )
    const observer = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, element.clientWidth), height: 200 }),
    )
    observer.observe(element)
    return () => {
      observer.disconnect()
      chart.destroy()
    }
  }, [points, unit, theme])
  return (
    <figure className="chart" aria-label={label}>
      <figcaption>{label}</figcaption>
      {points.length === 0 ? (
        <p className="empty">{t('monitoring.noData')}</p>
      ) : (
        <div ref={box} className="chart-box" data-testid="chart" />
      )}
    </figure>
  )
}

function compact(value: number): string {
  if (Math.abs(value) >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`
  if (Math.abs(value) >= 1_000) return `${(value / 1_000).toFixed(1)}k`
  return String(Math.round(value * 10) / 10)
}
