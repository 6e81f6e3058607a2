import type { VaultNode } from '../../../shared/contract/domains/vaults'

/** Items per `vaults.tree` page: a level shows this many, then "Show more". */
export const TREE_PAGE = 200

/** The input of one page of one level; the screen and the tree use the same one, so they share the answer. */
export function levelParams(parentId: number | null, page: number) {
  return { parentId, offset: page * TREE_PAGE, limit: TREE_PAGE }
}

/** Reports are grouped apart from the tree; folders and notes belong in it. */
export const inTree = (node: VaultNode): boolean => node.isFolder || node.documentType === 'note'

/** Where a dragged row came from: its id, its folder and its position among that folder's items. */
export interface DragSource {
  id: number
  parentId: number | null
  position: number
}

export const DRAG_TYPE = 'text/x-cairn-vault'

export function encodeDrag(source: DragSource): string {
  return JSON.stringify(source)
}

export function decodeDrag(text: string): DragSource | null {
  try {
    const value = JSON.parse(text) as Partial<DragSource>
    return typeof value.id === 'number' && typeof value.position === 'number'
      ? { id: value.id, parentId: value.parentId ?? null, position: value.position }
      : null
  } catch {
    return null
  }
}

/**
 * The index for `vaults.move` that puts the dragged item just before the target document: the target's position
 * among its siblings once the dragged item has left them (the service counts siblings without it).
 */
export function indexBefore(
  dragged: DragSource,
  target: { parentId: number | null; position: number },
): number {
  const leavesEarlierSlot = dragged.parentId === target.parentId && dragged.position < target.position
  return Math.max(0, target.position - (leavesEarlierSlot ? 1 : 0))
}

/** Catalogue keys of the report groups shown under the tree. */
export const REPORT_LABELS = {
  daily_report: 'vaults.reportDaily',
  weekly_report: 'vaults.reportWeekly',
  monthly_report: 'vaults.reportMonthly',
} as const
