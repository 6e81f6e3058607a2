import { Fragment, useState } from 'react'
import type { KeyboardEvent } from 'react'
import type { VaultNode } from '../../../shared/contract/domains/vaults'
import { useCall } from '../api/queries'
import { errorText } from '../lib/errors'
import type { DragSource } from '../lib/tree'
import { DRAG_TYPE, TREE_PAGE, decodeDrag, encodeDrag, inTree, levelParams } from '../lib/tree'
import { NameInput } from './NameInput'
import { useTranslation } from 'react-i18next'

/** What every row needs from the tree: its state and what a row can do. */
export interface TreeActions {
  expanded: ReadonlySet<number>
  selectedId: number | null
  renaming: number | null
  dropTarget: number | null
  creatingFolderIn: number | null | undefined
  onCreateFolder: (name: string) => void
  onCancelCreate: () => void
  open(node: VaultNode): void
  rename(id: number | null): void
  commitRename(node: VaultNode, title: string): void
  trash(node: VaultNode): void
  setDropTarget(id: number | null): void
  drop(dragged: DragSource, target: VaultNode, position: number): void
  onKey(event: KeyboardEvent, node: VaultNode): void
}

interface LevelProps {
  parentId: number | null
  depth: number
  actions: TreeActions
}

/** The items of one folder, a page at a time; an open folder's items follow it, one level deeper. */
export function VaultTreeLevel(props: LevelProps) {
  const [pages, setPages] = useState(1)
  return (
    <>
      {Array.from({ length: pages }, (_unused, page) => (
        <TreePage
          key={page}
          {...props}
          page={page}
          isLast={page === pages - 1}
          onMore={() => setPages(pages + 1)}
        />
      ))}
    </>
  )
}

function TreePage(props: LevelProps & { page: number; isLast: boolean; onMore: () => void }) {
  const { actions, depth } = props
  const { t } = useTranslation()
  const level = useCall('vaults.tree', levelParams(props.parentId, props.page))
  if (level.error) {
    return (
      <li className="tree-row inline-error" style={{ paddingLeft: 8 + depth * 16 }}>
        {errorText(level.error)}
      </li>
    )
  }
  if (!level.data) return null
  const first = props.page * TREE_PAGE
  const rest = level.data.total - first - level.data.nodes.length
  return (
    <>
      {level.data.nodes.map((node, index) =>
        inTree(node) ? (
          <Fragment key={node.id}>
            <TreeRow node={node} position={first + index} depth={depth} actions={actions} />
            {node.isFolder && actions.expanded.has(node.id) && node.childCount > 0 && (
              <VaultTreeLevel parentId={node.id} depth={depth + 1} actions={actions} />
            )}
          </Fragment>
        ) : null,
      )}
      {props.isLast && rest > 0 && (
        <li className="tree-row" style={{ paddingLeft: 24 + depth * 16 }}>
          <button type="button" onClick={props.onMore}>
            {t('vaults.showMore', { count: Math.min(rest, TREE_PAGE), rest })}
          </button>
        </li>
      )}
    </>
  )
}

function TreeRow({
  node,
  position,
  depth,
  actions,
}: {
  node: VaultNode
  position: number
  depth: number
  actions: TreeActions
}) {
  const { t } = useTranslation()
  const open = actions.expanded.has(node.id)
  return (
    <li role="none">
      <div
        role="treeitem"
        aria-selected={node.id === actions.selectedId}
        aria-expanded={node.isFolder ? open : undefined}
        aria-level={depth + 1}
        tabIndex={0}
        className={`tree-row${node.id === actions.selectedId ? ' selected' : ''}${actions.dropTarget === node.id ? ' drop' : ''}`}
        style={{ paddingLeft: 8 + depth * 16 }}
        draggable={actions.renaming !== node.id}
        onDragStart={(event) =>
          event.dataTransfer.setData(
            DRAG_TYPE,
            encodeDrag({ id: node.id, parentId: node.parentId, position }),
          )
        }
        onDragOver={(event) => {
          event.preventDefault()
          actions.setDropTarget(node.id)
        }}
        onDragLeave={() => actions.setDropTarget(null)}
        onDrop={(event) => {
          event.preventDefault()
          const dragged = decodeDrag(event.dataTransfer.getData(DRAG_TYPE))
          if (dragged) actions.drop(dragged, node, position)
          else actions.setDropTarget(null)
        }}
        onClick={() => actions.open(node)}
        onKeyDown={(event) => actions.onKey(event, node)}
      >
        <span className="tree-icon" aria-hidden="true">
          {node.isFolder ? (open && node.childCount > 0 ? '▾' : '▸') : '·'}
        </span>
        {actions.renaming === node.id ? (
          <NameInput
            label={t('vaults.newName')}
            initial={node.title}
            onCommit={(title) => actions.commitRename(node, title)}
            onCancel={() => actions.rename(null)}
          />
        ) : (
          <span className="tree-title">{node.title || t('common.untitled')}</span>
        )}
        <span className="tree-actions">
          <button
            type="button"
            className="icon-button"
            aria-label={t('vaults.renameItem', { title: node.title })}
            title={t('common.rename')}
            onClick={(event) => {
              event.stopPropagation()
              actions.rename(node.id)
            }}
          >
            ✎
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={t('vaults.trashItem', { title: node.title })}
            title={t('vaults.trashItem', { title: node.title })}
            onClick={(event) => {
              event.stopPropagation()
              actions.trash(node)
            }}
          >
            🗑
          </button>
        </span>
      </div>
      {actions.creatingFolderIn === node.id && (
        <div className="tree-row" style={{ paddingLeft: 24 + depth * 16 }}>
          <NameInput
            label={t('vaults.folderName')}
            onCommit={actions.onCreateFolder}
            onCancel={actions.onCancelCreate}
          />
        </div>
      )}
    </li>
  )
}
