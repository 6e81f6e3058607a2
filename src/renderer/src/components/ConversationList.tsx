import { useState } from 'react'
import { NavLink, useNavigate } from 'react-router'
import { useCall, useCallMutation } from '../api/queries'
import { errorText } from '../lib/errors'
import { formatShortDate } from '../lib/time'
import { NameInput } from './NameInput'
import { useTranslation } from 'react-i18next'

/** Conversations, most recently active first: new, rename, archive (and back), delete. */
export function ConversationList({ openId }: { openId: number }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [archived, setArchived] = useState(false)
  const [renaming, setRenaming] = useState<number | null>(null)
  const list = useCall('conversations.list', { status: archived ? 'archived' : 'active', limit: 200 })
  const create = useCallMutation('conversations.create')
  const update = useCallMutation('conversations.update')
  const remove = useCallMutation('conversations.delete')

  return (
    <aside className="conversation-side" aria-label={t('chat.conversations')}>
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
          {t('chat.newChat')}
        </button>
        <button type="button" aria-pressed={archived} onClick={() => setArchived(!archived)}>
          {t('chat.archived')}
        </button>
      </div>
      {list.error && <p className="inline-error">{errorText(list.error)}</p>}
      {list.isSuccess && list.data.items.length === 0 && (
        <p className="empty">{archived ? t('chat.nothingArchived') : t('chat.noConversations')}</p>
      )}
      <ul className="plain-list conversations">
        {list.data?.items.map((conversation) => (
          <li
            key={conversation.id}
            className={conversation.id === openId ? 'conversation active' : 'conversation'}
          >
            {renaming === conversation.id ? (
              <NameInput
                label={t('chat.conversationName')}
                initial={conversation.title}
                onCancel={() => setRenaming(null)}
                onCommit={(title) => {
                  setRenaming(null)
                  update.mutate({ id: conversation.id, title })
                }}
              />
            ) : (
              <NavLink to={`/chat/${conversation.id}`} className="conversation-link">
                <span className="one-line">{conversation.title || t('chat.newConversation')}</span>
                <span className="muted small-text">{formatShortDate(conversation.updatedAt)}</span>
              </NavLink>
            )}
            <span className="row-actions">
              <button
                type="button"
                className="icon-button"
                aria-label={t('chat.rename', { title: conversation.title || t('chat.conversation') })}
                title={t('common.rename')}
                onClick={() => setRenaming(conversation.id)}
              >
                ✎
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={t(archived ? 'chat.unarchive' : 'chat.archive', {
                  title: conversation.title || t('chat.conversation'),
                })}
                title={t(archived ? 'chat.unarchive' : 'chat.archive', { title: '' }).trim()}
                onClick={() =>
                  update.mutate({ id: conversation.id, status: archived ? 'active' : 'archived' })
                }
              >
                {archived ? '↩' : '⤓'}
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={t('chat.delete', { title: conversation.title || t('chat.conversation') })}
                title={t('common.delete')}
                onClick={() => {
                  if (window.confirm(t('chat.confirmDelete'))) {
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
