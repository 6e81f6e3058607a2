/**
 * Upper bounds for every string and array crossing the contract. They keep one bad caller from
 * filling the disk or the heap; a document far larger than any note a person writes is still allowed.
 */
export const LIMITS = {
  title: 1_000,
  shortText: 10_000,
  content: 2_000_000,
  chunk: 200_000,
  tag: 100,
  tags: 100,
  resourceList: 1_000,
  url: 4_096,
  metadataJson: 200_000,
  searchQuery: 500,
  pageSize: 500,
} as const
