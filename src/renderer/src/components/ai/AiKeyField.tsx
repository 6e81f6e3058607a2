import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { AiStatus } from '../../../../shared/contract/domains/ai'
import { useCallMutation } from '../../api/queries'

/** The API key: write-only (the core never sends it back), with where it is kept. */
export function AiKeyField({ status }: { status: AiStatus | undefined }) {
  const queryClient = useQueryClient()
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['ai.status'] })
  const setKey = useCallMutation('ai.setApiKey', { onSuccess: refresh })
  const clearKey = useCallMutation('ai.clearApiKey', { onSuccess: refresh })
  const [key, setDraft] = useState('')
  const apiKey = status?.apiKey
  return (
    <form
      className="ai-form"
      aria-label="Key for the AI provider"
      onSubmit={(event) => {
        event.preventDefault()
        if (key.trim()) setKey.mutate({ key: key.trim() }, { onSuccess: () => setDraft('') })
      }}
    >
      <label>
        API key
        <input
          type="password"
          autoComplete="off"
          value={key}
          maxLength={4096}
          placeholder={apiKey?.set ? 'A key is set (enter a new one to replace it)' : 'Not set'}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <div className="form-actions">
        <button type="submit" disabled={!key.trim() || setKey.isPending}>
          Save key
        </button>
        <button
          type="button"
          disabled={!apiKey?.set || clearKey.isPending}
          onClick={() => clearKey.mutate({})}
        >
          Forget key
        </button>
      </div>
      {apiKey && (
        <p className="muted" data-testid="ai-key-where">
          {apiKey.set
            ? `A key is set${apiKey.origin ? ` for ${apiKey.origin} (it is sent there only)` : ''}. `
            : 'No key is set. '}
          Where it is kept: {apiKey.where}.
        </p>
      )}
    </form>
  )
}
