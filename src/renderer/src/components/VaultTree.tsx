import { useState } from 'react'
import type { DragEvent } from 'react'
import { useNavigate } from 'react-router'
import type { VaultNode } from '../../../shared/contract/domains/vaults'
import { useCallMutation } from '../api/queries'
import { visibleRows } from '../lib/tree'
import { NameInput } from './NameInput'

interface Props {
  nodes: VaultNode[]
  selectedId: number | null
  creatingFolderIn: number | null | undefined
  onCreateFolder: (name: string) => void
  onCancelCreate: () => void
  onSelectFolder: (id: number) => void
}

/**
 * The folder tree: click or Enter opens, arrows move, F2 renames, Delete trashes; drag onto a folder to move
 * into it, onto a document to place before it.
 */
export function VaultTree(props: Props) {
  const navigate = useNavigate()
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set())
  const [renaming, setRenaming] = useState<number | null>(null)
  const [dropTarget, setDropTarget] = useState<number | null>(null)
  const update = useCallMutation('vaults.update')
  const move = useCallMutation('vaults.move')
  const trash = useCallMutation('vaults.trash')
  const rows = visibleRows(props.nodes, collapsed)

  const toggle = (id: number) =>
    setCollapsed((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  const open = (node: VaultNode) => {
    if (node.isFolder) {
      // The first click selects a folder (new items go into it) and opens it; the next one folds it.
      if (node.id === props.selectedId || collapsed.has(node.id)) toggle(node.id)
      props.onSelectFolder(node.id)
    } else void navigate(`/vaults/${node.id}`)
  }

  const onDrop = (event: DragEvent, target: VaultNode) => {
    event.preventDefault()
    setDropTarget(null)
    const id = Number(event.dataTransfer.getData('text/x-cairn-vault'))
    if (!id || id === target.id) return
    if (target.isFolder) move.mutate({ id, parentId: target.id })
    else {
      const siblings = props.nodes.filter((node) => node.parentId === target.parentId && node.id !== id)
      move.mutate({ id, parentId: target.parentId, index: Math.max(0, siblings.indexOf(target)) })
    }
  }

  const focusRow = (index: number) =>
    document
      .querySelector<HTMLElement>(`[data-tree-index="${Math.max(0, Math.min(rows.length - 1, index))}"]`)
      ?.focus()

  return (
    <ul className="tree" role="tree" aria-label="Folders and documents">
      {props.creatingFolderIn === null && (
        <li className="tree-row">
          <NameInput label="Folder name" onCommit={props.onCreateFolder} onCancel={props.onCancelCreate} />
        </li>
      )}
      {rows.map(({ node, depth, hasChildren }, index) => (
        <li key={node.id} role="none">
          <div
            role="treeitem"
            aria-selected={node.id === props.selectedId}
            aria-expanded={node.isFolder ? !collapsed.has(node.id) : undefined}
            aria-level={depth + 1}
            tabIndex={0}
            data-tree-index={index}
            className={`tree-row${node.id === props.selectedId ? ' selected' : ''}${dropTarget === node.id ? ' drop' : ''}`}
            style={{ paddingLeft: 8 + depth * 16 }}
            draggable={renaming !== node.id}
            onDragStart={(event) => event.dataTransfer.setData('text/x-cairn-vault', String(node.id))}
            onDragOver={(event) => {
              event.preventDefault()
              setDropTarget(node.id)
            }}
            onDragLeave={() => setDropTarget(null)}
            onDrop={(event) => onDrop(event, node)}
            onClick={() => open(node)}
            onKeyDown={(event) => {
              if (event.target !== event.currentTarget) return
              const keys: Record<string, () => void> = {
                Enter: () => open(node),
                ArrowDown: () => focusRow(index + 1),
                j: () => focusRow(index + 1),
                ArrowUp: () => focusRow(index - 1),
                k: () => focusRow(index - 1),
                F2: () => setRenaming(node.id),
                Delete: () => trash.mutate({ id: node.id }),
              }
              const action = keys[event.key]
              if (action) {
                event.preventDefault()
                action()
              }
            }}
          >
            <span className="tree-icon" aria-hidden="true">
              {node.isFolder ? (collapsed.has(node.id) || !hasChildren ? '▸' : '▾') : '·'}
            </span>
            {renaming === node.id ? (
              <NameInput
                label="New name"
                initial={node.title}
                onCommit={(title) => {
                  setRenaming(null)
                  update.mutate({ id: node.id, title })
                }}
                onCancel={() => setRenaming(null)}
              />
            ) : (
              <span className="tree-title">{node.title || 'Untitled'}</span>
            )}
            <span className="tree-actions">
              <button
                type="button"
                className="icon-button"
                aria-label={`Rename ${node.title}`}
                onClick={(event) => {
                  event.stopPropagation()
                  setRenaming(node.id)
                }}
              >
                ✎
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${node.title} to trash`}
                onClick={(event) => {
                  event.stopPropagation()
                  trash.mutate({ id: node.id })
                }}
              >
                🗑
              </button>
            </span>
          </div>
          {props.creatingFolderIn === node.id && (
            <div className="tree-row" style={{ paddingLeft: 24 + depth * 16 }}>
              <NameInput
                label="Folder name"
                onCommit={props.onCreateFolder}
                onCancel={props.onCancelCreate}
              />
            </div>
          )}
        </li>
      ))}
    </ul>
  )
}
