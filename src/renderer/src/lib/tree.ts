import type { VaultNode } from '../../../shared/contract/domains/vaults'

export interface TreeRow {
  node: VaultNode
  depth: number
  hasChildren: boolean
}

/** Flattens `vaults.tree` (parents before children) into visible rows, skipping collapsed folders. */
export function visibleRows(nodes: VaultNode[], collapsed: ReadonlySet<number>): TreeRow[] {
  const children = new Map<number | null, VaultNode[]>()
  const ids = new Set(nodes.map((node) => node.id))
  for (const node of nodes) {
    // A node whose parent is not in this list (a trashed item on its own) shows at the top level.
    const parent = node.parentId !== null && ids.has(node.parentId) ? node.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), node])
  }
  const rows: TreeRow[] = []
  const walk = (parent: number | null, depth: number) => {
    for (const node of children.get(parent) ?? []) {
      const kids = children.get(node.id) ?? []
      rows.push({ node, depth, hasChildren: kids.length > 0 })
      if (!collapsed.has(node.id)) walk(node.id, depth + 1)
    }
  }
  walk(null, 0)
  return rows
}

export const REPORT_LABELS: Record<string, string> = {
  daily_report: 'Daily reports',
  weekly_report: 'Weekly reports',
  monthly_report: 'Monthly reports',
}
