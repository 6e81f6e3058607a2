import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { AiStatus } from '../../../../shared/contract/domains/ai'
import { useCallMutation } from '../../api/queries'
import { useTranslation } from 'react-i18next'
import { translatedCoreNote } from '../../lib/coreNote'
import { refusedForNoKeyring } from '../../lib/noKeyring'

/** Where the key is kept, in the interface's language when the store said it by code. */
const keptWhere = (key: AiStatus['apiKey']): string => translatedCoreNote(key.whereNote) ?? key.where

/** The API key: write-only (the core never sends it back), with where it is kept. */
export function AiKeyField({ status }: { status: AiStatus | undefined }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['ai.status'] })
  const setKey = useCallMutation('ai.setApiKey', { onSuccess: refresh })
  const clearKey = useCallMutation('ai.clearApiKey', { onSuccess: refresh })
  const [key, setDraft] = useState('')
  // Linux without a keyring: the core refused to keep the key obfuscated only; the person may consent to it.
  const [withoutKeyring, setWithoutKeyring] = useState(false)
  const noKeyring = refusedForNoKeyring(setKey.error)
  const apiKey = status?.apiKey
  return (
    <form
      className="ai-form"
      aria-label={t('ai.keyForm')}
      onSubmit={(event) => {
        event.preventDefault()
        if (key.trim()) {
          // The consent is for this key only: the next one is asked about again.
          setKey.mutate(
            { key: key.trim(), withoutKeyring },
            {
              onSuccess: () => {
                setDraft('')
                setWithoutKeyring(false)
              },
            },
          )
        }
      }}
    >
      <label>
        {t('ai.apiKey')}
        <input
          type="password"
          autoComplete="off"
          value={key}
          maxLength={4096}
          placeholder={apiKey?.set ? t('ai.keySetPlaceholder') : t('ai.keyNotSet')}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      {(noKeyring || withoutKeyring) && (
        <div className="desktop-toggle" data-testid="ai-key-no-keyring">
          {!withoutKeyring && (
            <p className="inline-error" role="alert">
              {t('ai.keyNotSavedNoKeyring')}
            </p>
          )}
          <label>
            <input
              type="checkbox"
              checked={withoutKeyring}
              onChange={(event) => setWithoutKeyring(event.target.checked)}
            />
            {t('ai.keyWithoutKeyring')}
          </label>
          <span className="hint">{t('ai.keyWithoutKeyringHint')}</span>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" disabled={!key.trim() || setKey.isPending}>
          {t('ai.saveKey')}
        </button>
        <button
          type="button"
          disabled={!apiKey?.set || clearKey.isPending}
          onClick={() => clearKey.mutate({})}
        >
          {t('ai.forgetKey')}
        </button>
      </div>
      {apiKey && (
        <p className="muted" data-testid="ai-key-where">
          {apiKey.set && apiKey.origin
            ? t('ai.keyIsSetFor', { where: keptWhere(apiKey), origin: apiKey.origin })
            : t(apiKey.set ? 'ai.keyIsSet' : 'ai.keyNone', { where: keptWhere(apiKey) })}
        </p>
      )}
    </form>
  )
}
