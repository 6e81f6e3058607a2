import { useState } from 'react'
import type { KeyboardEvent } from 'react'
import { useNavigate } from 'react-router'
import type { VaultNode } from '../../../shared/contract/domains/vaults'
import { useCallMutation } from '../api/queries'
import type { DragSource } from '../lib/tree'
import { indexBefore } from '../lib/tree'
import { NameInput } from './NameInput'
import { VaultTreeLevel } from './VaultTreeLevel'
import type { TreeActions } from './VaultTreeLevel'
import { useTranslation } from 'react-i18next'
import { useClient } from '../api/context'
import { offerUndo } from '../lib/toastBus'

const EXPANDED_KEY = 'cairn.vaults.expanded'

/** Open folders are remembered across reloads, so the tree looks as it was left. */
function loadExpanded(): Set<number> {
  try {
    const value = JSON.parse(window.localStorage.getItem(EXPANDED_KEY) ?? '[]') as unknown
    return new Set(Array.isArray(value) ? value.filter((id): id is number => typeof id === 'number') : [])
  } catch {
    return new Set()
  }
}

function saveExpanded(expanded: ReadonlySet<number>): void {
  try {
    window.localStorage.setItem(EXPANDED_KEY, JSON.stringify([...expanded].slice(-500)))
  } catch {
    // A full or blocked storage only costs remembering which folders were open.
  }
}

interface Props {
  selectedId: number | null
  creatingFolderIn: number | null | undefined
  onCreateFolder: (name: string) => void
  onCancelCreate: () => void
  onSelectFolder: (id: number | null) => void
}

/** Moves focus to the next or previous visible row, whatever level it is on. */
function focusSibling(event: KeyboardEvent, step: number): void {
  const tree = event.currentTarget.closest('[role="tree"]')
  if (!tree) return
  const rows = [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')]
  const index = rows.indexOf(event.currentTarget as HTMLElement)
  rows[Math.max(0, Math.min(rows.length - 1, index + step))]?.focus()
}

/**
 * The folder tree, loaded a level at a time as folders open: click or Enter opens, arrows move, F2 renames,
 * Delete trashes; drag onto a folder to move into it, onto a document to place before it.
 */
export function VaultTree(props: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const client = useClient()
  const [expanded, setExpanded] = useState<Set<number>>(loadExpanded)
  const [renaming, setRenaming] = useState<number | null>(null)
  const [dropTarget, setDropTarget] = useState<number | null>(null)
  const update = useCallMutation('vaults.update')
  const move = useCallMutation('vaults.move')
  const trash = useCallMutation('vaults.trash')

  const setOpen = (id: number, open: boolean) =>
    setExpanded((current) => {
      if (current.has(id) === open) return current
      const next = new Set(current)
      if (open) next.add(id)
      else next.delete(id)
      saveExpanded(next)
      return next
    })

  const actions: TreeActions = {
    expanded,
    selectedId: props.selectedId,
    renaming,
    dropTarget,
    creatingFolderIn: props.creatingFolderIn,
    onCreateFolder: props.onCreateFolder,
    onCancelCreate: props.onCancelCreate,
    open(node: VaultNode) {
      if (!node.isFolder) return void navigate(`/vaults/${node.id}`)
      // The first click selects a folder (new items go into it) and opens it; the next one folds it.
      if (!expanded.has(node.id)) setOpen(node.id, true)
      else if (node.id === props.selectedId) setOpen(node.id, false)
      props.onSelectFolder(node.id)
    },
    rename: setRenaming,
    commitRename(node, title) {
      setRenaming(null)
      update.mutate({ id: node.id, title })
    },
    trash(node) {
      if (node.id === props.selectedId) props.onSelectFolder(null)
      trash.mutate(
        { id: node.id },
        {
          onSuccess: () =>
            offerUndo(t('undo.trashed', { title: node.title || t('common.untitled') }), () =>
              client.call('vaults.restore', { id: node.id }),
            ),
        },
      )
    },
    setDropTarget,
    drop(dragged: DragSource, target: VaultNode, position: number) {
      setDropTarget(null)
      if (dragged.id === target.id) return
      if (target.isFolder) {
        // Open the folder, so the moved item stays in sight.
        setOpen(target.id, true)
        move.mutate({ id: dragged.id, parentId: target.id })
      } else {
        const index = indexBefore(dragged, { parentId: target.parentId, position })
        move.mutate({ id: dragged.id, parentId: target.parentId, index })
      }
    },
    onKey(event, node) {
      if (event.target !== event.currentTarget) return
      const keys: Record<string, () => void> = {
        Enter: () => actions.open(node),
        ArrowDown: () => focusSibling(event, 1),
        j: () => focusSibling(event, 1),
        ArrowUp: () => focusSibling(event, -1),
        k: () => focusSibling(event, -1),
        ArrowRight: () => node.isFolder && setOpen(node.id, true),
        ArrowLeft: () => node.isFolder && setOpen(node.id, false),
        F2: () => setRenaming(node.id),
        Delete: () => actions.trash(node),
      }
      const action = keys[event.key]
      if (action) {
        event.preventDefault()
        action()
      }
    },
  }

  return (
    <ul className="tree" role="tree" aria-label={t('vaults.tree')}>
      {props.creatingFolderIn === null && (
        <li className="tree-row">
          <NameInput
            label={t('vaults.folderName')}
            onCommit={props.onCreateFolder}
            onCancel={props.onCancelCreate}
          />
        </li>
      )}
      <VaultTreeLevel parentId={null} depth={0} actions={actions} />
    </ul>
  )
}
