/** "14:05" in the machine's time zone: what the person saw on their clock. */
export const clockTime = (time: number): string => {
  const date = new Date(time)
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`
}

/** At most `max` items spread evenly over the list, so a long window is sampled, not cut off at its start. */
export function sample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items
  const step = items.length / max
  return Array.from({ length: max }, (_, index) => items[Math.floor(index * step)] as T)
}
