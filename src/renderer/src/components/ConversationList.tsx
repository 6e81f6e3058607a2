import { useState } from 'react'
import { NavLink, useNavigate } from 'react-router'
import { useCall, useCallMutation } from '../api/queries'
import { errorText } from '../lib/errors'
import { formatShortDate } from '../lib/time'
import { NameInput } from './NameInput'

/** Conversations, most recently active first: new, rename, archive (and back), delete. */
export function ConversationList({ openId }: { openId: number }) {
  const navigate = useNavigate()
  const [archived, setArchived] = useState(false)
  const [renaming, setRenaming] = useState<number | null>(null)
  const list = useCall('conversations.list', { status: archived ? 'archived' : 'active', limit: 200 })
  const create = useCallMutation('conversations.create')
  const update = useCallMutation('conversations.update')
  const remove = useCallMutation('conversations.delete')

  return (
    <aside className="conversation-side" aria-label="Conversations">
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          onClick={() =>
            create.mutate(
              { title: '' },
              { onSuccess: (conversation) => void navigate(`/chat/${conversation.id}`) },
            )
          }
        >
          New chat
        </button>
        <button type="button" aria-pressed={archived} onClick={() => setArchived(!archived)}>
          Archived
        </button>
      </div>
      {list.error && <p className="inline-error">{errorText(list.error)}</p>}
      {list.isSuccess && list.data.items.length === 0 && (
        <p className="empty">{archived ? 'Nothing archived.' : 'No conversations yet.'}</p>
      )}
      <ul className="plain-list conversations">
        {list.data?.items.map((conversation) => (
          <li
            key={conversation.id}
            className={conversation.id === openId ? 'conversation active' : 'conversation'}
          >
            {renaming === conversation.id ? (
              <NameInput
                label="Conversation name"
                initial={conversation.title}
                onCancel={() => setRenaming(null)}
                onCommit={(title) => {
                  setRenaming(null)
                  update.mutate({ id: conversation.id, title })
                }}
              />
            ) : (
              <NavLink to={`/chat/${conversation.id}`} className="conversation-link">
                <span className="one-line">{conversation.title || 'New conversation'}</span>
                <span className="muted small-text">{formatShortDate(conversation.updatedAt)}</span>
              </NavLink>
            )}
            <span className="row-actions">
              <button
                type="button"
                className="icon-button"
                aria-label={`Rename ${conversation.title || 'conversation'}`}
                onClick={() => setRenaming(conversation.id)}
              >
                ✎
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`${archived ? 'Unarchive' : 'Archive'} ${conversation.title || 'conversation'}`}
                onClick={() =>
                  update.mutate({ id: conversation.id, status: archived ? 'active' : 'archived' })
                }
              >
                {archived ? '↩' : '⤓'}
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Delete ${conversation.title || 'conversation'}`}
                onClick={() => {
                  if (window.confirm('Delete this conversation and all its messages?')) {
                    remove.mutate(
                      { id: conversation.id },
                      { onSuccess: () => conversation.id === openId && void navigate('/chat') },
                    )
                  }
                }}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ul>
    </aside>
  )
}
