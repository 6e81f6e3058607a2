import { keepPreviousData, useQueries } from '@tanstack/react-query'

export interface Page<T> {
  items: T[]
  total: number
}

export const PAGE_SIZE = 100

/**
 * Rows of a list that may hold 100,000 items, fetched a page at a time around what is on screen.
 * `baseKey` starts with the method name so the domain's events invalidate every page at once.
 */
export function usePagedRows<T>(
  baseKey: readonly unknown[],
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  visible: { start: number; end: number },
) {
  const first = Math.floor(visible.start / PAGE_SIZE)
  const last = Math.max(first, Math.floor(visible.end / PAGE_SIZE))
  const pageNumbers = [0]
  for (let page = Math.max(first, 1); page <= last; page += 1) pageNumbers.push(page)
  const results = useQueries({
    queries: pageNumbers.map((page) => ({
      queryKey: [...baseKey, { page }],
      queryFn: () => fetchPage(page * PAGE_SIZE, PAGE_SIZE),
      placeholderData: page === 0 ? keepPreviousData : undefined,
    })),
  })
  const head = results[0]
  const total = head?.data?.total ?? 0
  const rowAt = (index: number): T | undefined => {
    const slot = pageNumbers.indexOf(Math.floor(index / PAGE_SIZE))
    return slot < 0 ? undefined : results[slot]?.data?.items[index % PAGE_SIZE]
  }
  return {
    total,
    rowAt,
    isLoading: head?.isPending ?? true,
    error: results.find((result) => result.error)?.error ?? null,
  }
}
