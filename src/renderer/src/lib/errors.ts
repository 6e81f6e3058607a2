import { CallError } from '../api/client'
import { i18next } from '../i18nCore'
import { CONNECTION_LOST, CANNOT_CONNECT } from '../api/wsTransport'

/**
 * A sentence a person can act on, from whatever a failed call threw: the core's error code picks the
 * catalogue's words; in English the core's own (English) message says more and is kept.
 */
export function errorText(error: unknown): string {
  const t = i18next.t
  if (!(error instanceof CallError)) {
    return t('errors.withDetail', {
      summary: t('errors.INTERNAL'),
      detail: error instanceof Error ? error.message : String(error),
    })
  }
  if (error.message === CONNECTION_LOST) return t('errors.connectionLost')
  if (error.message === CANNOT_CONNECT) return t('errors.cannotConnect')
  const summary = t(`errors.${error.code}`)
  const issue = error.issues[0]
  const field = issue ? issue.path.join('.') || t('errors.input') : null
  const english = i18next.language === 'en'
  if (english && error.message) {
    const detail = issue ? `${error.message} (${field}: ${issue.message})` : error.message
    return t('errors.withDetail', { summary, detail })
  }
  return field ? t('errors.withField', { summary, field }) : summary
}

/** Lost connections are shown once, in the status banner, not as a toast per failed call. */
export function isConnectionError(error: unknown): boolean {
  return error instanceof CallError && error.code === 'UNAVAILABLE'
}
