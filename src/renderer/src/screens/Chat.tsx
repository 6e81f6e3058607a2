import { useParams } from 'react-router'
import { useCall } from '../api/queries'
import { ChatThread } from '../components/ChatThread'
import { ConversationList } from '../components/ConversationList'
import { useTranslation } from 'react-i18next'

/** Chat: conversations on the left, the open one on the right. */
export function ChatScreen() {
  const { t } = useTranslation()
  const { id } = useParams()
  const openId = Number(id ?? '0')
  const conversation = useCall('conversations.get', { id: openId || 1 }, { enabled: openId > 0 })
  return (
    <section className="screen chat" aria-label={t('chat.title')}>
      <ConversationList openId={openId} />
      <div className="chat-main">
        {openId > 0 ? (
          <>
            <header className="screen-header">
              <h1>{conversation.data?.title || t('chat.newConversation')}</h1>
            </header>
            <ChatThread key={openId} conversationId={openId} />
          </>
        ) : (
          <p className="empty-state">{t('chat.pick')}</p>
        )}
      </div>
    </section>
  )
}
