import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

/** Shown in Chat while no chat model is set, with the way to the AI section of Settings. */
export function AiNotConfigured() {
  const { t } = useTranslation()
  return (
    <div className="notice ai-off" role="status" aria-label={t('chat.aiOff')}>
      <span>{t('chat.aiOffText')}</span>
      <Link to="/settings#ai">{t('chat.setUpAi')}</Link>
    </div>
  )
}
