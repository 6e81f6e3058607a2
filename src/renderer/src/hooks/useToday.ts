import { useSyncExternalStore } from 'react'
import { startOfDay } from '../lib/time'

function subscribe(onChange: () => void): () => void {
  // Checked each minute so "today" moves on at midnight while the window stays open.
  const timer = setInterval(onChange, 60_000)
  return () => clearInterval(timer)
}

const snapshot = () => startOfDay(Date.now())

/** Local midnight of today. */
export function useToday(): number {
  return useSyncExternalStore(subscribe, snapshot)
}
